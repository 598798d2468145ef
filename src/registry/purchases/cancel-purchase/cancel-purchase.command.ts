// The buyer or an operator cancels a reserved purchase (POST /v1/purchases/:id/cancel): units freed.
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { Actor } from '../../../access/auth/actor';
import type { PurchaseView } from '../purchase.view';

export interface CancelledPurchase {
  purchase: PurchaseView;
  /** Of the cancellation, or of the batch's last event when the purchase was already cancelled. */
  position: LogPosition | null;
}

export class CancelPurchaseCommand extends Command<CancelledPurchase> {
  constructor(
    readonly purchaseId: string,
    readonly actor: Actor,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
