// A company reserves units of a batch (DESIGN §4, POST /v1/purchases): a purchase in `reserved`.
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { PurchaseView } from '../purchase.view';

export interface ReservedPurchase {
  purchase: PurchaseView;
  position: LogPosition;
}

export class ReserveCreditsCommand extends Command<ReservedPurchase> {
  constructor(
    readonly input: { batchId: string; companyId: string; quantityKg: number },
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
