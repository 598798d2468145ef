// Projection `batches`: the supply of every batch (issued, available, reserved, held, retired,
// cancelled kg) and its current price, for GET /v1/batches and the public serial lookup. Each
// movement event shifts its quantity between two counters, so the sum stays the issued quantity.
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionContext } from '@lib/projections';
import { BATCH_EVENT_TYPES, BatchEvent } from '../batch.events';

export const BATCHES_PROJECTION = 'batches';

const BATCH_TYPES: ReadonlySet<string> = new Set(BATCH_EVENT_TYPES);

type Counter = 'available_kg' | 'reserved_kg' | 'held_kg' | 'retired_kg' | 'cancelled_kg';

export const batchesProjection: Projection = {
  name: BATCHES_PROJECTION,
  version: 1,
  tables: ['batches'],
  async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    for (const event of events) {
      if (BATCH_TYPES.has(event.type)) await applyOne({ type: event.type, data: event.data } as BatchEvent, context);
    }
  },
};

async function applyOne(event: BatchEvent, context: ProjectionContext): Promise<void> {
  const table = context.table('batches');
  const move = (from: Counter, to: Counter, batchId: string, quantityKg: number) =>
    // Applied exactly once: the runner commits it with the checkpoint.
    context.query(`UPDATE ${table} SET ${from} = ${from} - $2, ${to} = ${to} + $2 WHERE id = $1`, [batchId, quantityKg]);
  switch (event.type) {
    case 'BatchIssued': {
      const d = event.data;
      await context.query(
        `INSERT INTO ${table} (id, site_id, site_code, milestone_id, vintage, batch_no, currency, price_per_tonne_minor, issued_kg, available_kg, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) ON CONFLICT (id) DO NOTHING`,
        [d.batchId, d.siteId, d.siteCode, d.milestoneId, d.vintage, d.batchNo, d.pricePerTonne.currency, d.pricePerTonne.value, d.quantityKg, d.issuedAt],
      );
      return;
    }
    case 'BatchRepriced':
      await context.query(`UPDATE ${table} SET currency = $2, price_per_tonne_minor = $3 WHERE id = $1`, [
        event.data.batchId,
        event.data.pricePerTonne.currency,
        event.data.pricePerTonne.value,
      ]);
      return;
    case 'CreditsReserved':
      await move('available_kg', 'reserved_kg', event.data.batchId, event.data.quantityKg);
      return;
    case 'PurchaseSettled':
      await move('reserved_kg', 'held_kg', event.data.batchId, event.data.quantityKg);
      return;
    case 'PurchaseCancelled':
    case 'ReservationExpired':
      await move('reserved_kg', 'available_kg', event.data.batchId, event.data.quantityKg);
      return;
    case 'CreditsTransferred':
      // Held units change hands; the batch's supply does not change.
      return;
    case 'CreditsRetired':
      await move('held_kg', 'retired_kg', event.data.batchId, event.data.quantityKg);
      return;
    case 'UnitsCancelled':
      await move('available_kg', 'cancelled_kg', event.data.batchId, event.data.quantityKg);
      return;
    default: {
      const unknown: never = event;
      void unknown;
      return;
    }
  }
}
