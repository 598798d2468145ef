// Finds the purchase's batch in the `purchases` read model, then SettlePurchase on batch-{id}:
// the payment must equal the invoiced amount in the invoiced currency (R6), and the purchase must
// still be reserved (an expired or cancelled one answers 409). A payment dated in a closed
// reconciliation period is refused (422 FUNDING.PERIOD_CLOSED, PeriodGuard).
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PeriodGuard } from '../../../funding/periods/period-guard';
import { PurchaseNotFound } from '../../batches/batch.errors';
import { appendedEvent, BatchWriter } from '../batch-writer';
import { closedPurchaseView } from '../purchase.view';
import { PurchaseRows } from '../purchase-rows';
import { InvalidPaymentDate } from '../purchases.errors';
import { SettledPurchase, SettlePurchaseCommand } from './settle-purchase.command';

@CommandHandler(SettlePurchaseCommand)
export class SettlePurchaseHandler implements ICommandHandler<SettlePurchaseCommand, SettledPurchase> {
  constructor(
    private readonly batches: BatchWriter,
    private readonly purchases: PurchaseRows,
    private readonly periods: PeriodGuard,
  ) {}

  async execute({ purchaseId, payment, metadata }: SettlePurchaseCommand): Promise<SettledPurchase> {
    // A payment cannot have been received after the moment it is recorded.
    if (Date.parse(payment.receivedAt) > Date.parse(metadata.occurredAt)) throw new InvalidPaymentDate(payment.receivedAt);
    await this.periods.assertOpen(payment.receivedAt, 'receivedAt');
    const purchase = await this.purchases.findOrWaitForHead(purchaseId);
    if (purchase === null) throw new PurchaseNotFound(purchaseId);
    const decision = await this.batches.decide(
      purchase.batchId,
      { type: 'SettlePurchase', data: { purchaseId, payment, now: metadata.occurredAt } },
      metadata,
    );
    const settled = appendedEvent(decision, 'PurchaseSettled');
    // The decider never answers a settlement with nothing: a second one is refused as not reserved.
    if (settled === null || decision.position === null) throw new Error('SettlePurchase appended nothing');
    return {
      purchase: closedPurchaseView(purchase, 'settled', { at: settled.data.settledAt, payment: settled.data.payment }),
      position: decision.position,
    };
  }
}
