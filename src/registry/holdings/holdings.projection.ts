// Projection `holdings`: per company and batch, the serial ranges held (settled purchases and
// transfers in, transfers out and retirements out) and the kilograms retired from that batch.
// Set operations are lenient on purpose: a projection never refuses a recorded fact, and the
// batch stream already guaranteed (R1) that no unit has two owners.
import type { RecordedEvent } from '@lib/event-store';
import { SerialRange, SerialRanges } from '@lib/kernel';
import type { Projection, ProjectionContext } from '@lib/projections';
import type { BatchEvent } from '../batches/batch.events';
import { asBatchEvent, BatchLabel, prefetchBatchLabels, rememberBatchLabel } from '../purchases/batch-read-model';

export const HOLDINGS_PROJECTION = 'holdings';

interface Movement {
  companyId: string;
  batchId: string;
  serials: readonly SerialRange[];
  direction: 'in' | 'out';
  retiredKg: number;
  at: string;
}

export const holdingsProjection: Projection = {
  name: HOLDINGS_PROJECTION,
  version: 1,
  tables: ['holdings', 'holding_batches'],
  eventTypes: ['BatchIssued', 'PurchaseSettled', 'CreditsTransferred', 'CreditsRetired'],
  /**
   * Folds the whole batch of events in memory, then writes each touched holding once: one read of
   * the holdings it touches, one upsert of those still held or retired from, one delete of those
   * emptied (instead of a read and a write per movement).
   */
  async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    const labels = new Map<string, BatchLabel | null>();
    const movements: Movement[] = [];
    for (const recorded of events) {
      const event = asBatchEvent(recorded);
      if (event === null) continue;
      if (event.type === 'BatchIssued') await rememberBatchLabel(context, 'holding_batches', event.data, labels);
      movements.push(...movementsOf(event));
    }
    if (movements.length === 0) return;
    const stored = await readHoldings(context, movements);
    const holdings = new Map<string, Holding>();
    for (const movement of movements) {
      const key = holdingKey(movement);
      holdings.set(key, moved(holdings.get(key) ?? stored.get(key), movement));
    }
    await prefetchBatchLabels(context, 'holding_batches', movements.map((movement) => movement.batchId), labels);
    await writeHoldings(context, [...holdings.values()], labels);
  },
};

function movementsOf(event: BatchEvent): Movement[] {
  switch (event.type) {
    case 'PurchaseSettled': {
      const d = event.data;
      return [{ companyId: d.companyId, batchId: d.batchId, serials: d.serials, direction: 'in', retiredKg: 0, at: d.settledAt }];
    }
    case 'CreditsTransferred': {
      const d = event.data;
      return [
        { companyId: d.fromCompanyId, batchId: d.batchId, serials: d.serials, direction: 'out', retiredKg: 0, at: d.transferredAt },
        { companyId: d.toCompanyId, batchId: d.batchId, serials: d.serials, direction: 'in', retiredKg: 0, at: d.transferredAt },
      ];
    }
    case 'CreditsRetired': {
      const d = event.data;
      return [{ companyId: d.companyId, batchId: d.batchId, serials: d.serials, direction: 'out', retiredKg: d.quantityKg, at: d.retiredAt }];
    }
    case 'BatchIssued':
    case 'BatchRepriced':
    case 'CreditsReserved':
    case 'PurchaseCancelled':
    case 'ReservationExpired':
    case 'UnitsCancelled':
      return [];
    default: {
      const unknown: never = event;
      void unknown;
      return [];
    }
  }
}

/** What a company holds of one batch, and the kilograms it retired from it. */
interface Held {
  serials: SerialRanges;
  retiredKg: number;
}

/** A holding as the movements of this batch of events leave it. */
interface Holding extends Held {
  companyId: string;
  batchId: string;
  /** When it last moved. */
  at: string;
}

interface HoldingRow {
  company_id: string;
  batch_id: string;
  serials: SerialRange[];
  retired_kg: string;
}

function holdingKey(of: { companyId: string; batchId: string }): string {
  return `${of.companyId}/${of.batchId}`;
}

/** The stored holdings the movements touch, keyed by holdingKey (absent: nothing held yet). */
async function readHoldings(context: ProjectionContext, movements: readonly Movement[]): Promise<Map<string, Held>> {
  const keys = new Map(movements.map((movement) => [holdingKey(movement), movement]));
  const companies = [...keys.values()].map((movement) => movement.companyId);
  const batches = [...keys.values()].map((movement) => movement.batchId);
  const { rows } = await context.query<HoldingRow>(
    `SELECT h.company_id, h.batch_id, h.serials, h.retired_kg
       FROM ${context.table('holdings')} h
       JOIN unnest($1::uuid[], $2::uuid[]) AS k(company_id, batch_id) ON h.company_id = k.company_id AND h.batch_id = k.batch_id`,
    [companies, batches],
  );
  const stored = new Map<string, Held>();
  for (const row of rows) {
    stored.set(holdingKey({ companyId: row.company_id, batchId: row.batch_id }), { serials: SerialRanges.fromJSON(row.serials), retiredKg: Number(row.retired_kg) });
  }
  return stored;
}

/** The holding after one movement: units in are added (those already held once), units out removed. */
function moved(current: Held | undefined, movement: Movement): Holding {
  const held = current?.serials ?? SerialRanges.empty();
  const units = SerialRanges.of(movement.serials);
  const serials = movement.direction === 'in' ? held.union(units.subtract(units.intersect(held))) : held.subtract(held.intersect(units));
  return { companyId: movement.companyId, batchId: movement.batchId, serials, retiredKg: (current?.retiredKg ?? 0) + movement.retiredKg, at: movement.at };
}

/** Writes the holdings this batch moved: upserts those still holding or retired from, deletes the rest. */
async function writeHoldings(context: ProjectionContext, holdings: readonly Holding[], labels: Map<string, BatchLabel | null>): Promise<void> {
  const table = context.table('holdings');
  const emptied = holdings.filter((holding) => holding.serials.isEmpty() && holding.retiredKg === 0);
  const kept = holdings.filter((holding) => !(holding.serials.isEmpty() && holding.retiredKg === 0));
  if (emptied.length > 0) {
    await context.query(
      `DELETE FROM ${table} h USING unnest($1::uuid[], $2::uuid[]) AS k(company_id, batch_id)
        WHERE h.company_id = k.company_id AND h.batch_id = k.batch_id`,
      [emptied.map((holding) => holding.companyId), emptied.map((holding) => holding.batchId)],
    );
  }
  if (kept.length === 0) return;
  const label = (holding: Holding): BatchLabel | null => labels.get(holding.batchId) ?? null;
  await context.query(
    `INSERT INTO ${table} (company_id, batch_id, held_kg, serials, retired_kg, site_id, site_code, vintage, batch_no, updated_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::jsonb[], $5::bigint[], $6::uuid[], $7::text[], $8::integer[], $9::integer[], $10::timestamptz[])
     ON CONFLICT (company_id, batch_id) DO UPDATE
       SET held_kg = EXCLUDED.held_kg, serials = EXCLUDED.serials, retired_kg = EXCLUDED.retired_kg, updated_at = EXCLUDED.updated_at`,
    [
      kept.map((holding) => holding.companyId),
      kept.map((holding) => holding.batchId),
      kept.map((holding) => holding.serials.size.toString()),
      kept.map((holding) => JSON.stringify(holding.serials.toJSON())),
      kept.map((holding) => holding.retiredKg.toString()),
      kept.map((holding) => label(holding)?.siteId ?? null),
      kept.map((holding) => label(holding)?.siteCode ?? null),
      kept.map((holding) => label(holding)?.vintage ?? null),
      kept.map((holding) => label(holding)?.batchNo ?? null),
      kept.map((holding) => holding.at),
    ],
  );
}
