// Cancels an allocation that has no disbursement (POST /v1/allocations/:id/cancel).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { AllocationView } from '../allocation.view';

export interface CancelledAllocation {
  allocation: AllocationView;
  position: LogPosition | null;
}

export class CancelAllocationCommand extends Command<CancelledAllocation> {
  constructor(
    readonly allocationId: string,
    readonly reason: string,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
