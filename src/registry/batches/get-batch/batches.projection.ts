// Projection `batches`: the supply of every batch (issued, available, reserved, held, retired,
// cancelled kg) and its current price, for GET /v1/batches and the public serial lookup. Each
// movement event shifts its quantity between two counters, so the sum stays the issued quantity.
// Movements only add to counters, so a batch of events sums them per batch and writes them with
// one UPDATE (one statement per batch of events, not per event); issuances and repricings are
// written in log order, after the movements before them.
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
    const moves = new CounterMoves();
    for (const recorded of events) {
      if (!BATCH_TYPES.has(recorded.type)) continue;
      const event = { type: recorded.type, data: recorded.data } as BatchEvent;
      if (event.type === 'BatchIssued' || event.type === 'BatchRepriced') {
        await moves.flush(context);
        await applyOne(event, context);
        continue;
      }
      const move = counterMoveOf(event);
      if (move !== null) moves.add(move);
    }
    await moves.flush(context);
  },
};

/** A movement of units between two counters of one batch. */
interface CounterMove {
  batchId: string;
  from: Counter;
  to: Counter;
  quantityKg: number;
}

const COUNTERS: readonly Counter[] = ['available_kg', 'reserved_kg', 'held_kg', 'retired_kg', 'cancelled_kg'];

type SupplyEvent = Extract<BatchEvent, { type: 'BatchIssued' | 'BatchRepriced' }>;

/** The move a movement event makes; null when it changes no counter. */
function counterMoveOf(event: Exclude<BatchEvent, SupplyEvent>): CounterMove | null {
  const move = (from: Counter, to: Counter, data: { batchId: string; quantityKg: number }): CounterMove => ({ batchId: data.batchId, from, to, quantityKg: data.quantityKg });
  switch (event.type) {
    case 'CreditsReserved':
      return move('available_kg', 'reserved_kg', event.data);
    case 'PurchaseSettled':
      return move('reserved_kg', 'held_kg', event.data);
    case 'PurchaseCancelled':
    case 'ReservationExpired':
      return move('reserved_kg', 'available_kg', event.data);
    case 'CreditsTransferred':
      // Held units change hands; the batch's supply does not change.
      return null;
    case 'CreditsRetired':
      return move('held_kg', 'retired_kg', event.data);
    case 'UnitsCancelled':
      return move('available_kg', 'cancelled_kg', event.data);
    default: {
      const unknown: never = event;
      void unknown;
      return null;
    }
  }
}

/** Counter changes summed per batch until written. */
class CounterMoves {
  private readonly deltas = new Map<string, Record<Counter, number>>();

  add(move: CounterMove): void {
    let delta = this.deltas.get(move.batchId);
    if (delta === undefined) {
      delta = { available_kg: 0, reserved_kg: 0, held_kg: 0, retired_kg: 0, cancelled_kg: 0 };
      this.deltas.set(move.batchId, delta);
    }
    delta[move.from] -= move.quantityKg;
    delta[move.to] += move.quantityKg;
  }

  /** One UPDATE for every batch moved since the last flush. Applied exactly once: the runner commits it with the checkpoint. */
  async flush(context: ProjectionContext): Promise<void> {
    if (this.deltas.size === 0) return;
    const table = context.table('batches');
    const batchIds = [...this.deltas.keys()];
    const columns = COUNTERS.map((counter) => batchIds.map((batchId) => String((this.deltas.get(batchId) as Record<Counter, number>)[counter])));
    this.deltas.clear();
    await context.query(
      `UPDATE ${table} AS b SET ${COUNTERS.map((counter) => `${counter} = b.${counter} + d.${counter}`).join(', ')}
         FROM unnest($1::uuid[], ${COUNTERS.map((_, index) => `$${index + 2}::bigint[]`).join(', ')}) AS d(id, ${COUNTERS.join(', ')})
        WHERE b.id = d.id`,
      [batchIds, ...columns],
    );
  }
}

/** Issuance and repricing: written one by one, in log order. */
async function applyOne(event: SupplyEvent, context: ProjectionContext): Promise<void> {
  const table = context.table('batches');
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
    default: {
      const unknown: never = event;
      void unknown;
    }
  }
}
