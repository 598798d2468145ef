// CancelAllocation on the allocation's stream: refused (409) once anything was disbursed against
// it; cancelling a cancelled allocation changes nothing.
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AllocationDirectory } from '../allocation-directory';
import { AllocationStreams } from '../allocation-streams';
import { allocationViewOf } from '../allocation.view';
import { AllocationNotFound } from '../allocations.errors';
import { CancelAllocationCommand, CancelledAllocation } from './cancel-allocation.command';

@CommandHandler(CancelAllocationCommand)
export class CancelAllocationHandler implements ICommandHandler<CancelAllocationCommand, CancelledAllocation> {
  constructor(
    private readonly directory: AllocationDirectory,
    private readonly allocations: AllocationStreams,
  ) {}

  async execute({ allocationId, reason, metadata }: CancelAllocationCommand): Promise<CancelledAllocation> {
    const streamId = await this.directory.streamOf(allocationId);
    const outcome = await this.allocations.decide(streamId, { type: 'CancelAllocation', allocationId, reason, now: metadata.occurredAt }, metadata);
    const entry = outcome.book.get(allocationId);
    if (entry === undefined) throw new AllocationNotFound(allocationId);
    return { allocation: allocationViewOf(entry), position: outcome.position };
  }
}
