// Reads one site from the `sites` read model.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { SiteView } from '../site.view';
import { SITE_COLUMNS, SiteRow, siteViewOfRow } from './site-rows';

export class GetSiteQuery extends Query<SiteView | null> {
  constructor(readonly siteId: string) {
    super();
  }
}

@QueryHandler(GetSiteQuery)
export class GetSiteHandler implements IQueryHandler<GetSiteQuery, SiteView | null> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ siteId }: GetSiteQuery): Promise<SiteView | null> {
    const rows: SiteRow[] = await this.dataSource.query(`SELECT ${SITE_COLUMNS} FROM sites WHERE id = $1`, [siteId]);
    return rows.length === 0 ? null : siteViewOfRow(rows[0]);
  }
}
