// What the API shows of an allocation: from the deciding stream's state after a command, or from
// the `funding_allocations` read model for the GET routes.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { moneyJson, MoneyView } from '../pools/funding-money';
import type { FundingSource } from '../pools/funding-source';
import { AllocationEntry, remainingOf } from './allocation-book';
import { FUNDING_CATEGORIES, FundingCategory } from './allocation.events';

export class FundingSourceView {
  @ApiProperty({ enum: ['credit_sales', 'grant'] })
  type!: 'credit_sales' | 'grant';

  @ApiPropertyOptional({ format: 'uuid', description: 'Set when type is `grant`' })
  grantId?: string;
}

export class AllocationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  siteId!: string;

  @ApiProperty({ type: FundingSourceView })
  source!: FundingSource;

  @ApiProperty({ enum: FUNDING_CATEGORIES })
  category!: FundingCategory;

  @ApiProperty({ type: MoneyView })
  amount!: MoneyView;

  @ApiProperty({ type: MoneyView, description: 'Paid out so far' })
  disbursed!: MoneyView;

  @ApiProperty({ type: MoneyView, description: 'Still to pay out (zero once cancelled)' })
  remaining!: MoneyView;

  @ApiProperty({ example: 'Mine shaft ventilation' })
  project!: string;

  @ApiProperty({ example: 'KAM-FAC-2026-03', description: "The committee decision's reference" })
  committeeRef!: string;

  @ApiProperty({ example: '2026-03-10', description: 'Business date of the committee decision' })
  decidedAt!: string;

  @ApiProperty({ enum: ['active', 'cancelled'] })
  status!: 'active' | 'cancelled';
}

export function allocationViewOf(entry: AllocationEntry): AllocationView {
  const remaining = entry.status === 'cancelled' ? entry.amount.minus(entry.amount) : remainingOf(entry);
  return {
    id: entry.allocationId,
    siteId: entry.siteId,
    source: entry.source,
    category: entry.category,
    amount: entry.amount.toJSON(),
    disbursed: entry.disbursed.toJSON(),
    remaining: remaining.toJSON(),
    project: entry.project,
    committeeRef: entry.committeeRef,
    decidedAt: entry.decidedAt,
    status: entry.status,
  };
}

/** A `funding_allocations` row (bigint columns read as text). */
export interface AllocationRow {
  allocation_id: string;
  site_id: string;
  source_type: 'credit_sales' | 'grant';
  grant_id: string | null;
  category: FundingCategory;
  currency: string;
  amount_minor: string;
  disbursed_minor: string;
  project: string;
  committee_ref: string;
  decided_at: string;
  status: 'active' | 'cancelled';
}

export const ALLOCATION_COLUMNS =
  'allocation_id, site_id, source_type, grant_id, category, currency, amount_minor::text AS amount_minor, ' +
  'disbursed_minor::text AS disbursed_minor, project, committee_ref, decided_at, status';

export function allocationViewOfRow(row: AllocationRow): AllocationView {
  const currency = row.currency.trim();
  const amount = BigInt(row.amount_minor);
  const disbursed = BigInt(row.disbursed_minor);
  return {
    id: row.allocation_id,
    siteId: row.site_id,
    source: row.source_type === 'grant' && row.grant_id !== null ? { type: 'grant', grantId: row.grant_id } : { type: 'credit_sales' },
    category: row.category,
    amount: moneyJson(currency, amount),
    disbursed: moneyJson(currency, disbursed),
    remaining: moneyJson(currency, row.status === 'cancelled' ? 0n : amount - disbursed),
    project: row.project,
    committeeRef: row.committee_ref,
    decidedAt: row.decided_at,
    status: row.status,
  };
}
