// Reads a page of batches from the `batches` read model, in issuance order (ids are UUID v7),
// optionally only one site's and/or one vintage's.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { isUuid } from '@lib/kernel';
import { DataSource } from 'typeorm';
import { pageSize } from '../../../access/http/page-query.dto';
import { cursorKey, ListPage, ListQuery, pageOf } from '../../shared/list-page';
import type { BatchView } from '../batch.view';
import { BATCH_COLUMNS, BatchRow, batchViewOfRow } from '../get-batch/batch-rows';

export interface BatchFilter {
  siteId?: string;
  vintage?: number;
}

export class ListBatchesQuery extends Query<ListPage<BatchView>> {
  constructor(
    readonly filter: BatchFilter,
    readonly page: ListQuery,
  ) {
    super();
  }
}

@QueryHandler(ListBatchesQuery)
export class ListBatchesHandler implements IQueryHandler<ListBatchesQuery, ListPage<BatchView>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter, page }: ListBatchesQuery): Promise<ListPage<BatchView>> {
    const after = cursorKey(page.cursor, isUuid);
    const rows: BatchRow[] = await this.dataSource.query(
      `SELECT ${BATCH_COLUMNS} FROM batches
        WHERE ($1::uuid IS NULL OR site_id = $1) AND ($2::int IS NULL OR vintage = $2) AND ($3::uuid IS NULL OR id > $3)
        ORDER BY id LIMIT $4`,
      [filter.siteId ?? null, filter.vintage ?? null, after, pageSize(page) + 1],
    );
    return pageOf(rows, page, (row) => row.id, batchViewOfRow);
  }
}
