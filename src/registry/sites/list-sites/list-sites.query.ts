// Reads a page of sites from the `sites` read model, ordered by code.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { isSiteCode } from '@lib/kernel';
import { DataSource } from 'typeorm';
import { pageSize } from '../../../access/http/page-query.dto';
import { cursorKey, ListPage, ListQuery, pageOf } from '../../shared/list-page';
import { SITE_COLUMNS, SiteRow, siteViewOfRow } from '../get-site/site-rows';
import type { SiteView } from '../site.view';

export class ListSitesQuery extends Query<ListPage<SiteView>> {
  constructor(readonly page: ListQuery) {
    super();
  }
}

@QueryHandler(ListSitesQuery)
export class ListSitesHandler implements IQueryHandler<ListSitesQuery, ListPage<SiteView>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ page }: ListSitesQuery): Promise<ListPage<SiteView>> {
    const after = cursorKey(page.cursor, isSiteCode);
    const rows: SiteRow[] = await this.dataSource.query(
      `SELECT ${SITE_COLUMNS} FROM sites WHERE ($1::text IS NULL OR code > $1) ORDER BY code LIMIT $2`,
      [after, pageSize(page) + 1],
    );
    return pageOf(rows, page, (row) => row.code, siteViewOfRow);
  }
}

