// Records a committee allocation (POST /v1/allocations).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { Money } from '@lib/kernel';
import type { FundingSource } from '../../pools/funding-source';
import type { AllocationView } from '../allocation.view';

export interface RecordedAllocation {
  allocation: AllocationView;
  position: LogPosition | null;
}

export interface RecordAllocationInput {
  siteId: string;
  source: FundingSource;
  category: string;
  amount: Money;
  project: string;
  committeeRef: string;
  decidedAt: string;
}

export class RecordAllocationCommand extends Command<RecordedAllocation> {
  constructor(
    readonly input: RecordAllocationInput,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
