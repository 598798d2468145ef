// Projection `funding`: the funding ledger (one row per money movement, with its business date and
// the time it was recorded) and the lists it needs (sites, grants, allocations, disbursements).
// Why one projection: a disbursement's movement takes its site and category from its allocation's
// row, and rows of another projection could be mid-rebuild. Never throws on a recorded fact.
//
// Recorded time: `metadata.occurredAt` of the event, except for sale proceeds, which count from
// the settlement (`settledAt`): the registry knew of the money then, however late the reactor ran.
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionContext } from '@lib/projections';
import type { SiteRegistered } from '../../../registry/sites/site.events';
import type { AllocationCancelled, AllocationRecorded } from '../../allocations/allocation.events';
import type { DisbursementRecorded } from '../../disbursements/disbursement.events';
import type { GrantRegistered, TrancheReceived } from '../../grants/grant.events';
import { businessDayOr } from '../business-date';
import type { ProceedsCredited, ProgrammeFeeCredited } from '../site-funds.events';

export const FUNDING_PROJECTION = 'funding';

const TABLES = ['funding_sites', 'funding_grants', 'funding_allocations', 'funding_disbursements', 'funding_movements'] as const;

export const fundingLedgerProjection: Projection = {
  name: FUNDING_PROJECTION,
  version: 1,
  tables: TABLES,
  eventTypes: [
    'SiteRegistered',
    'GrantRegistered',
    'ProceedsCredited',
    'ProgrammeFeeCredited',
    'TrancheReceived',
    'AllocationRecorded',
    'AllocationCancelled',
    'DisbursementRecorded',
  ],
  async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    // Movement rows depend on nothing but their event (and the allocation rows read above them),
    // so a batch's movements are written together at the end, in one statement.
    const movements: MovementRow[] = [];
    for (const event of events) await applyEvent(event, context, movements);
    await insertMovements(context, movements);
  },
};

interface Movement {
  kind: 'proceeds' | 'programme_fee' | 'tranche' | 'allocation' | 'allocation_cancelled' | 'disbursement';
  siteId: string | null;
  sourceType: 'credit_sales' | 'grant' | 'programme';
  grantId: string | null;
  category: string | null;
  allocationId: string | null;
  currency: string;
  grossMinor?: number | string;
  feeMinor?: number | string;
  receivedMinor?: number | string;
  allocatedMinor?: number | string;
  disbursedMinor?: number | string;
  businessDate: string;
  recordedAt: string;
}

/** A movement and the event it records (its key: one row per event). */
interface MovementRow {
  eventId: string;
  movement: Movement;
}

interface AllocationRef {
  site_id: string;
  source_type: 'credit_sales' | 'grant';
  grant_id: string | null;
  category: string;
  currency: string;
  amount_minor: string;
}

async function applyEvent(event: RecordedEvent, ctx: ProjectionContext, movements: MovementRow[]): Promise<void> {
  const recordedAt = event.metadata.occurredAt;
  switch (event.type) {
    case 'SiteRegistered': {
      const d = event.data as SiteRegistered['data'];
      await ctx.query(`INSERT INTO ${ctx.table('funding_sites')} (site_id, code, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [d.siteId, d.code, d.name]);
      return;
    }
    case 'GrantRegistered': {
      const d = event.data as GrantRegistered['data'];
      await ctx.query(
        `INSERT INTO ${ctx.table('funding_grants')} (grant_id, funder, reference, currency, total_minor, site_ids, registered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [d.grantId, d.funder, d.reference, d.total.currency, d.total.value, d.siteIds, d.registeredAt],
      );
      return;
    }
    case 'ProceedsCredited': {
      const d = event.data as ProceedsCredited['data'];
      const base = { siteId: d.siteId, grantId: null, category: null, allocationId: null, currency: d.currency };
      const dates = { businessDate: businessDayOr(d.receivedAt, d.settledAt), recordedAt: d.settledAt };
      movements.push(movementRow(event, { kind: 'proceeds', sourceType: 'credit_sales', ...base, grossMinor: d.grossAmount.value, feeMinor: d.feeAmount.value, receivedMinor: d.netAmount.value, ...dates }));
      return;
    }
    case 'ProgrammeFeeCredited': {
      const d = event.data as ProgrammeFeeCredited['data'];
      const base = { siteId: d.siteId, grantId: null, category: null, allocationId: null, currency: d.currency };
      const dates = { businessDate: businessDayOr(d.receivedAt, d.settledAt), recordedAt: d.settledAt };
      movements.push(movementRow(event, { kind: 'programme_fee', sourceType: 'programme', ...base, grossMinor: d.grossAmount.value, receivedMinor: d.feeAmount.value, ...dates }));
      return;
    }
    case 'TrancheReceived': {
      const d = event.data as TrancheReceived['data'];
      movements.push(movementRow(event, {
        kind: 'tranche',
        siteId: null,
        sourceType: 'grant',
        grantId: d.grantId,
        category: null,
        allocationId: null,
        currency: d.amount.currency,
        receivedMinor: d.amount.value,
        businessDate: businessDayOr(d.receivedAt, recordedAt),
        recordedAt,
      }));
      return;
    }
    case 'AllocationRecorded':
      return allocationRecorded(event, event.data as AllocationRecorded['data'], ctx, movements);
    case 'AllocationCancelled':
      return allocationCancelled(event, event.data as AllocationCancelled['data'], ctx, movements);
    case 'DisbursementRecorded':
      return disbursementRecorded(event, event.data as DisbursementRecorded['data'], ctx, movements);
    default:
      return;
  }
}

async function allocationRecorded(event: RecordedEvent, d: AllocationRecorded['data'], ctx: ProjectionContext, movements: MovementRow[]): Promise<void> {
  const grantId = d.source.type === 'grant' ? d.source.grantId : null;
  const inserted = await ctx.query(
    `INSERT INTO ${ctx.table('funding_allocations')}
       (allocation_id, stream_id, site_id, source_type, grant_id, category, currency, amount_minor, project, committee_ref, decided_at, status, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active', $12) ON CONFLICT DO NOTHING`,
    [d.allocationId, event.streamId, d.siteId, d.source.type, grantId, d.category, d.amount.currency, d.amount.value, d.project, d.committeeRef, d.decidedAt, event.metadata.occurredAt],
  );
  if (inserted.rowCount === 0) return;
  movements.push(movementRow(event, {
    kind: 'allocation',
    siteId: d.siteId,
    sourceType: d.source.type,
    grantId,
    category: d.category,
    allocationId: d.allocationId,
    currency: d.amount.currency,
    allocatedMinor: d.amount.value,
    businessDate: businessDayOr(d.decidedAt, event.metadata.occurredAt),
    recordedAt: event.metadata.occurredAt,
  }));
}

async function allocationCancelled(event: RecordedEvent, d: AllocationCancelled['data'], ctx: ProjectionContext, movements: MovementRow[]): Promise<void> {
  const { rows } = await ctx.query<AllocationRef>(
    `UPDATE ${ctx.table('funding_allocations')} SET status = 'cancelled', cancelled_at = $2, cancel_reason = $3
      WHERE allocation_id = $1 AND status = 'active'
      RETURNING site_id, source_type, grant_id, category, currency, amount_minor::text AS amount_minor`,
    [d.allocationId, d.cancelledAt, d.reason],
  );
  if (rows.length === 0) return;
  const [ref] = rows;
  // The allocation leaves the books on the day it was cancelled; before that day it stood.
  movements.push(movementRow(event, {
    ...movementOf(ref, d.allocationId),
    kind: 'allocation_cancelled',
    allocatedMinor: (-BigInt(ref.amount_minor)).toString(),
    businessDate: businessDayOr(d.cancelledAt, event.metadata.occurredAt),
    recordedAt: event.metadata.occurredAt,
  }));
}

async function disbursementRecorded(event: RecordedEvent, d: DisbursementRecorded['data'], ctx: ProjectionContext, movements: MovementRow[]): Promise<void> {
  const inserted = await ctx.query(
    `INSERT INTO ${ctx.table('funding_disbursements')} (disbursement_id, allocation_id, currency, amount_minor, paid_at, payee, bank_ref, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
    [d.disbursementId, d.allocationId, d.amount.currency, d.amount.value, d.paidAt, d.payee, d.bankRef, event.metadata.occurredAt],
  );
  if (inserted.rowCount === 0) return;
  const { rows } = await ctx.query<AllocationRef>(
    `UPDATE ${ctx.table('funding_allocations')} SET disbursed_minor = disbursed_minor + $2 WHERE allocation_id = $1
      RETURNING site_id, source_type, grant_id, category, currency, amount_minor::text AS amount_minor`,
    [d.allocationId, d.amount.value],
  );
  if (rows.length === 0) return;
  movements.push(movementRow(event, {
    ...movementOf(rows[0], d.allocationId),
    kind: 'disbursement',
    currency: d.amount.currency,
    disbursedMinor: d.amount.value,
    businessDate: businessDayOr(d.paidAt, event.metadata.occurredAt),
    recordedAt: event.metadata.occurredAt,
  }));
}

function movementOf(ref: AllocationRef, allocationId: string): Pick<Movement, 'siteId' | 'sourceType' | 'grantId' | 'category' | 'allocationId' | 'currency'> {
  return { siteId: ref.site_id, sourceType: ref.source_type, grantId: ref.grant_id, category: ref.category, allocationId, currency: ref.currency };
}

function movementRow(event: RecordedEvent, movement: Movement): MovementRow {
  return { eventId: event.eventId, movement };
}

/** One row per event: a batch replayed after a crash adds nothing twice (ON CONFLICT DO NOTHING). */
async function insertMovements(ctx: ProjectionContext, rows: readonly MovementRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (m: Movement) => T): T[] => rows.map((row) => pick(row.movement));
  const minor = (value: number | string | undefined): string => String(value ?? 0);
  await ctx.query(
    `INSERT INTO ${ctx.table('funding_movements')}
       (event_id, kind, site_id, source_type, grant_id, category, allocation_id, currency,
        gross_minor, fee_minor, received_minor, allocated_minor, disbursed_minor, business_date, recorded_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::uuid[], $8::text[],
                          $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[], $14::date[], $15::timestamptz[])
     ON CONFLICT DO NOTHING`,
    [
      rows.map((row) => row.eventId),
      column((m) => m.kind),
      column((m) => m.siteId),
      column((m) => m.sourceType),
      column((m) => m.grantId),
      column((m) => m.category),
      column((m) => m.allocationId),
      column((m) => m.currency),
      column((m) => minor(m.grossMinor)),
      column((m) => minor(m.feeMinor)),
      column((m) => minor(m.receivedMinor)),
      column((m) => minor(m.allocatedMinor)),
      column((m) => minor(m.disbursedMinor)),
      column((m) => m.businessDate),
      column((m) => m.recordedAt),
    ],
  );
}
