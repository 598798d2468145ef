// Finds the purchase (another company's answers 404, R11), then CancelPurchase on batch-{id}.
// Cancelling a cancelled purchase changes nothing and answers from the state; a settled or
// expired one is refused with 409.
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ownedOrNotFound } from '../../../access/auth/ownership';
import { PurchaseNotFound } from '../../batches/batch.errors';
import { appendedEvent, BatchWriter } from '../batch-writer';
import { closedPurchaseView } from '../purchase.view';
import { PurchaseRows } from '../purchase-rows';
import { CancelledPurchase, CancelPurchaseCommand } from './cancel-purchase.command';

@CommandHandler(CancelPurchaseCommand)
export class CancelPurchaseHandler implements ICommandHandler<CancelPurchaseCommand, CancelledPurchase> {
  constructor(
    private readonly batches: BatchWriter,
    private readonly purchases: PurchaseRows,
  ) {}

  async execute({ purchaseId, actor, metadata }: CancelPurchaseCommand): Promise<CancelledPurchase> {
    const found = await this.purchases.findOrWaitForHead(purchaseId);
    const purchase = ownedOrNotFound(actor, found, (p) => p.companyId, () => new PurchaseNotFound(purchaseId));
    const decision = await this.batches.decide(purchase.batchId, { type: 'CancelPurchase', data: { purchaseId, now: metadata.occurredAt } }, metadata);
    const cancelled = appendedEvent(decision, 'PurchaseCancelled');
    return {
      purchase: closedPurchaseView(purchase, 'cancelled', { at: cancelled?.data.releasedAt ?? null }),
      position: cancelled === null ? null : decision.position,
    };
  }
}
