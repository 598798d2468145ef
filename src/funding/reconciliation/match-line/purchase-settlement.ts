// The registry side of matching a purchase: its state read from its batch stream (authoritative,
// never a read model), and recording the payment a statement line shows with the registry's own
// SettlePurchase command on `batch-{id}`, the one the payments route sends. The batch decider
// settles a purchase once only, so a line can never record a second payment.
import { decideOnStream, EventMetadata, EventStore, loadStream, StreamStateCache } from '@lib/event-store';
import { Money } from '@lib/kernel';
import { batchDecider } from '../../../registry/batches/batch.decider';
import { PurchaseNotReserved } from '../../../registry/batches/batch.errors';
import { batchStreamId } from '../../../registry/batches/batch.events';
import type { PurchaseOutcome } from '../../../registry/batches/batch.state';

export type PurchaseOnBatch = { status: 'reserved'; amount: Money } | { status: PurchaseOutcome } | { status: 'unknown' };

export interface LinePayment {
  amount: Money;
  /** ISO date-time (UTC midnight of the line's value date). */
  receivedAt: string;
  bankRef: string;
}

/** Batches folded in memory for matching; a stale entry only costs a catch-up read. */
const CACHED_BATCHES = 200;

export class PurchaseSettlement {
  private readonly cache = new StreamStateCache(CACHED_BATCHES);

  constructor(private readonly eventStore: EventStore) {}

  async status(batchId: string, purchaseId: string): Promise<PurchaseOnBatch> {
    const { state } = await loadStream(this.eventStore, batchStreamId(batchId), batchDecider, this.cache);
    if (state.status !== 'issued') return { status: 'unknown' };
    const reservation = state.reservations.get(purchaseId);
    if (reservation !== undefined) return { status: 'reserved', amount: reservation.amount };
    const outcome = state.closedPurchases.get(purchaseId);
    return outcome === undefined ? { status: 'unknown' } : { status: outcome };
  }

  /**
   * Settles the purchase with the line's payment. Resolves `recorded` when this call settled it and
   * `already_settled` when someone recorded its payment first (a payment route call racing the
   * match, or a replay); throws the batch decider's refusal otherwise.
   */
  async settle(batchId: string, purchaseId: string, payment: LinePayment, metadata: EventMetadata): Promise<'recorded' | 'already_settled'> {
    try {
      await decideOnStream(
        this.eventStore,
        batchStreamId(batchId),
        batchDecider,
        { type: 'SettlePurchase', data: { purchaseId, payment, now: metadata.occurredAt } },
        metadata,
        { cache: this.cache },
      );
      return 'recorded';
    } catch (error) {
      if (error instanceof PurchaseNotReserved && error.details?.status === 'settled') return 'already_settled';
      throw error;
    }
  }
}
