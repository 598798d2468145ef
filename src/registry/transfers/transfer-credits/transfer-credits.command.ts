// A company moves held units of a batch to another company (POST /v1/transfers).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { TransferView } from '../transfer.view';

export interface TransferredCredits {
  transfer: TransferView;
  position: LogPosition;
}

export class TransferCreditsCommand extends Command<TransferredCredits> {
  constructor(
    readonly input: { batchId: string; fromCompanyId: string; toCompanyId: string; quantityKg: number },
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
