// Projection `holdings`: per company and batch, the serial ranges held (settled purchases and
// transfers in, transfers out and retirements out) and the kilograms retired from that batch.
// Set operations are lenient on purpose: a projection never refuses a recorded fact, and the
// batch stream already guaranteed (R1) that no unit has two owners.
import type { RecordedEvent } from '@lib/event-store';
import { SerialRange, SerialRanges } from '@lib/kernel';
import type { Projection, ProjectionContext } from '@lib/projections';
import type { BatchEvent } from '../batches/batch.events';
import { asBatchEvent, BatchLabel, batchLabelFrom, rememberBatchLabel } from '../purchases/batch-read-model';

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
  async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    const labels = new Map<string, BatchLabel | null>();
    for (const recorded of events) {
      const event = asBatchEvent(recorded);
      if (event === null) continue;
      if (event.type === 'BatchIssued') await rememberBatchLabel(context, 'holding_batches', event.data, labels);
      for (const movement of movementsOf(event)) await move(context, movement, labels);
    }
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

interface HoldingRow {
  serials: SerialRange[];
  retired_kg: string;
}

async function move(context: ProjectionContext, movement: Movement, labels: Map<string, BatchLabel | null>): Promise<void> {
  const table = context.table('holdings');
  const { rows } = await context.query<HoldingRow>(`SELECT serials, retired_kg FROM ${table} WHERE company_id = $1 AND batch_id = $2`, [
    movement.companyId,
    movement.batchId,
  ]);
  const current = rows.length === 0 ? SerialRanges.empty() : SerialRanges.fromJSON(rows[0].serials);
  const moved = SerialRanges.of(movement.serials);
  const held = movement.direction === 'in' ? current.union(moved.subtract(moved.intersect(current))) : current.subtract(current.intersect(moved));
  const retiredKg = (rows.length === 0 ? 0 : Number(rows[0].retired_kg)) + movement.retiredKg;
  if (held.isEmpty() && retiredKg === 0) {
    await context.query(`DELETE FROM ${table} WHERE company_id = $1 AND batch_id = $2`, [movement.companyId, movement.batchId]);
    return;
  }
  const label = await batchLabelFrom(context, 'holding_batches', movement.batchId, labels);
  await context.query(
    `INSERT INTO ${table} (company_id, batch_id, held_kg, serials, retired_kg, site_id, site_code, vintage, batch_no, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (company_id, batch_id) DO UPDATE
       SET held_kg = EXCLUDED.held_kg, serials = EXCLUDED.serials, retired_kg = EXCLUDED.retired_kg, updated_at = EXCLUDED.updated_at`,
    [
      movement.companyId, movement.batchId, held.size, JSON.stringify(held.toJSON()), retiredKg, label?.siteId ?? null,
      label?.siteCode ?? null, label?.vintage ?? null, label?.batchNo ?? null, movement.at,
    ],
  );
}
