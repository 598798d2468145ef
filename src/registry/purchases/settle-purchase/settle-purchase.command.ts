// Finance records the payment of a purchase (POST /v1/purchases/:id/payments) → `settled` (R6).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { Money } from '@lib/kernel';
import type { PurchaseView } from '../purchase.view';

export interface SettledPurchase {
  purchase: PurchaseView;
  position: LogPosition;
}

export class SettlePurchaseCommand extends Command<SettledPurchase> {
  constructor(
    readonly purchaseId: string,
    readonly payment: { amount: Money; receivedAt: string; bankRef: string },
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
