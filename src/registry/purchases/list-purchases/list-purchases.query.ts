// Reads a page of the `purchases` read model, newest first (ids are UUID v7), with filters.
import { Query, QueryHandler, IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { PurchaseStatus, PurchaseView } from '../purchase.view';
import { PURCHASE_COLUMNS, PurchaseRow, purchaseViewOfRow } from '../purchase-rows';

export interface PurchaseFilter {
  /** Set for company keys (R11): they only ever see their own. */
  companyId?: string;
  batchId?: string;
  status?: PurchaseStatus;
  /** Exclusive: the page starts after this id. */
  beforeId?: string;
  limit: number;
}

export interface PurchasePage {
  items: PurchaseView[];
  /** Last id of this page when more may follow. */
  lastId: string | null;
}

export class ListPurchasesQuery extends Query<PurchasePage> {
  constructor(readonly filter: PurchaseFilter) {
    super();
  }
}

@QueryHandler(ListPurchasesQuery)
export class ListPurchasesHandler implements IQueryHandler<ListPurchasesQuery, PurchasePage> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter }: ListPurchasesQuery): Promise<PurchasePage> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const where = (column: string, value: unknown, operator = '='): void => {
      params.push(value);
      conditions.push(`${column} ${operator} $${params.length}`);
    };
    if (filter.companyId !== undefined) where('company_id', filter.companyId);
    if (filter.batchId !== undefined) where('batch_id', filter.batchId);
    if (filter.status !== undefined) where('status', filter.status);
    if (filter.beforeId !== undefined) where('id', filter.beforeId, '<');
    params.push(filter.limit + 1);
    const sql = `SELECT ${PURCHASE_COLUMNS} FROM purchases ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
                 ORDER BY id DESC LIMIT $${params.length}`;
    const rows: PurchaseRow[] = await this.dataSource.query(sql, params);
    // One row more than asked tells whether another page exists.
    const items = rows.slice(0, filter.limit).map(purchaseViewOfRow);
    return { items, lastId: rows.length > filter.limit ? items[items.length - 1].id : null };
  }
}
