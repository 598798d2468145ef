// Reads one batch's supply from the `batches` read model.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { BatchView } from '../batch.view';
import { BATCH_COLUMNS, BatchRow, batchViewOfRow } from './batch-rows';

export class GetBatchQuery extends Query<BatchView | null> {
  constructor(readonly batchId: string) {
    super();
  }
}

@QueryHandler(GetBatchQuery)
export class GetBatchHandler implements IQueryHandler<GetBatchQuery, BatchView | null> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ batchId }: GetBatchQuery): Promise<BatchView | null> {
    const rows: BatchRow[] = await this.dataSource.query(`SELECT ${BATCH_COLUMNS} FROM batches WHERE id = $1`, [batchId]);
    return rows.length === 0 ? null : batchViewOfRow(rows[0]);
  }
}
