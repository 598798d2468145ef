// Reads a page of one site's milestones from the `milestones` read model, oldest proposal first
// (ids are UUID v7, so id order is proposal order). Null when the site is unknown.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { isUuid } from '@lib/kernel';
import { DataSource } from 'typeorm';
import { pageSize } from '../../../access/http/page-query.dto';
import { cursorKey, ListPage, ListQuery, pageOf } from '../../shared/list-page';
import type { MilestoneStatus, MilestoneView } from '../milestone.view';
import { MILESTONE_COLUMNS, MilestoneRow, milestoneViewOfRow } from '../get-milestone/milestone-rows';

export class ListSiteMilestonesQuery extends Query<ListPage<MilestoneView> | null> {
  constructor(
    readonly siteId: string,
    readonly status: MilestoneStatus | undefined,
    readonly page: ListQuery,
  ) {
    super();
  }
}

@QueryHandler(ListSiteMilestonesQuery)
export class ListSiteMilestonesHandler implements IQueryHandler<ListSiteMilestonesQuery, ListPage<MilestoneView> | null> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ siteId, status, page }: ListSiteMilestonesQuery): Promise<ListPage<MilestoneView> | null> {
    const after = cursorKey(page.cursor, isUuid);
    const sites: unknown[] = await this.dataSource.query('SELECT 1 FROM sites WHERE id = $1', [siteId]);
    if (sites.length === 0) return null;
    const rows: MilestoneRow[] = await this.dataSource.query(
      `SELECT ${MILESTONE_COLUMNS} FROM milestones
        WHERE site_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::uuid IS NULL OR id > $3)
        ORDER BY id LIMIT $4`,
      [siteId, status ?? null, after, pageSize(page) + 1],
    );
    return pageOf(rows, page, (row) => row.id, milestoneViewOfRow);
  }
}
