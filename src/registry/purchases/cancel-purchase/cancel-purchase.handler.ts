// Finds the purchase (another company's answers 404, R11), then CancelPurchase on batch-{id}.
// Cancelling a cancelled purchase changes nothing and answers from the state (with the position
// of the batch's last event, so a GET can wait for it); a settled or expired one is refused with 409.
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@lib/event-store';
import { ownedOrNotFound } from '../../../access/auth/ownership';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { PurchaseNotFound } from '../../batches/batch.errors';
import { batchStreamId } from '../../batches/batch.events';
import { positionAfter } from '../../shared/command-position';
import { appendedEvent, BatchWriter } from '../batch-writer';
import { closedPurchaseView } from '../purchase.view';
import { PurchaseRows } from '../purchase-rows';
import { CancelledPurchase, CancelPurchaseCommand } from './cancel-purchase.command';

@CommandHandler(CancelPurchaseCommand)
export class CancelPurchaseHandler implements ICommandHandler<CancelPurchaseCommand, CancelledPurchase> {
  constructor(
    private readonly batches: BatchWriter,
    private readonly purchases: PurchaseRows,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  async execute({ purchaseId, actor, metadata }: CancelPurchaseCommand): Promise<CancelledPurchase> {
    const found = await this.purchases.findOrWaitForHead(purchaseId);
    const purchase = ownedOrNotFound(actor, found, (p) => p.companyId, () => new PurchaseNotFound(purchaseId));
    const decision = await this.batches.decide(purchase.batchId, { type: 'CancelPurchase', data: { purchaseId, now: metadata.occurredAt } }, metadata);
    const cancelled = appendedEvent(decision, 'PurchaseCancelled');
    return {
      purchase: closedPurchaseView(purchase, 'cancelled', { at: cancelled?.data.releasedAt ?? null }),
      position: await positionAfter(this.eventStore, batchStreamId(purchase.batchId), decision),
    };
  }
}
