// Records money paid out against an allocation (POST /v1/allocations/:id/disbursements).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { Money } from '@lib/kernel';
import type { RecordedDisbursementView } from '../disbursement.view';

export interface RecordedDisbursement {
  disbursement: RecordedDisbursementView;
  position: LogPosition | null;
}

export class RecordDisbursementCommand extends Command<RecordedDisbursement> {
  constructor(
    readonly allocationId: string,
    readonly input: { amount: Money; paidAt: string; payee: string; bankRef: string },
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
