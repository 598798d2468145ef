// Reads the `funding_allocations` read model: one page of allocations (oldest first: ids are
// UUID v7, so id order is creation order), or one allocation with its disbursements.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { isUuid } from '@lib/kernel';
import { DataSource } from 'typeorm';
import { pageSize } from '../../../access/http/page-query.dto';
import { cursorKey, ListPage, pageOf } from '../../../registry/shared/list-page';
import type { DisbursementView } from '../../disbursements/disbursement.view';
import { moneyJson } from '../../pools/funding-money';
import { ALLOCATION_COLUMNS, AllocationRow, AllocationView, allocationViewOfRow } from '../allocation.view';
import type { AllocationFilters } from './list-allocations.request';

export interface AllocationDetail extends AllocationView {
  disbursements: DisbursementView[];
}

export class ListAllocationsQuery extends Query<ListPage<AllocationView>> {
  constructor(readonly filters: AllocationFilters) {
    super();
  }
}

export class GetAllocationQuery extends Query<AllocationDetail | null> {
  constructor(readonly allocationId: string) {
    super();
  }
}

@QueryHandler(ListAllocationsQuery)
export class ListAllocationsHandler implements IQueryHandler<ListAllocationsQuery, ListPage<AllocationView>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filters }: ListAllocationsQuery): Promise<ListPage<AllocationView>> {
    const after = cursorKey(filters.cursor, isUuid);
    const conditions: string[] = [];
    const params: unknown[] = [];
    const where = (sql: string, value: unknown): void => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (after !== null) where('allocation_id > ?', after);
    if (filters.siteId !== undefined) where('site_id = ?', filters.siteId.toLowerCase());
    if (filters.grantId !== undefined) where('grant_id = ?', filters.grantId.toLowerCase());
    if (filters.source !== undefined) where('source_type = ?', filters.source);
    if (filters.category !== undefined) where('category = ?', filters.category);
    if (filters.status !== undefined) where('status = ?', filters.status);
    params.push(pageSize(filters) + 1);
    const sql =
      `SELECT ${ALLOCATION_COLUMNS} FROM funding_allocations` +
      (conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '') +
      ` ORDER BY allocation_id LIMIT $${params.length}`;
    const rows: AllocationRow[] = await this.dataSource.query(sql, params);
    return pageOf(rows, filters, (row) => row.allocation_id, allocationViewOfRow);
  }
}

interface DisbursementRow {
  disbursement_id: string;
  currency: string;
  amount_minor: string;
  paid_at: string;
  payee: string;
  bank_ref: string;
}

/** Bounds one answer: an allocation is paid in a handful of instalments, never thousands. */
const MAX_DISBURSEMENTS_SHOWN = 1_000;

@QueryHandler(GetAllocationQuery)
export class GetAllocationHandler implements IQueryHandler<GetAllocationQuery, AllocationDetail | null> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ allocationId }: GetAllocationQuery): Promise<AllocationDetail | null> {
    const rows: AllocationRow[] = await this.dataSource.query(`SELECT ${ALLOCATION_COLUMNS} FROM funding_allocations WHERE allocation_id = $1`, [allocationId]);
    if (rows.length === 0) return null;
    const disbursements: DisbursementRow[] = await this.dataSource.query(
      `SELECT disbursement_id, currency, amount_minor::text AS amount_minor, paid_at, payee, bank_ref
         FROM funding_disbursements WHERE allocation_id = $1 ORDER BY disbursement_id LIMIT $2`,
      [allocationId, MAX_DISBURSEMENTS_SHOWN],
    );
    return {
      ...allocationViewOfRow(rows[0]),
      disbursements: disbursements.map((d) => ({
        id: d.disbursement_id,
        allocationId,
        amount: moneyJson(d.currency.trim(), d.amount_minor),
        paidAt: d.paid_at,
        payee: d.payee,
        bankRef: d.bank_ref,
      })),
    };
  }
}
