// Sets a batch's price per tonne for future purchases (reservations already made keep theirs).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { Money } from '@lib/kernel';
import type { BatchView } from '../batch.view';

export interface RepricedBatch {
  batch: BatchView;
  position: LogPosition | null;
}

export class RepriceBatchCommand extends Command<RepricedBatch> {
  constructor(
    readonly batchId: string,
    readonly pricePerTonne: Money,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
