// RecordAllocation on the stream of its source (`site-funds-{siteId}` or `grant-{grantId}`), where
// "allocated ≤ received, per currency" (R7) is decided under optimistic concurrency. The site must
// be registered. Allocations are committee decisions, not bank movements: closed periods do not
// refuse them (see PeriodGuard).
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { newId } from '@lib/kernel';
import { FundingSites } from '../../pools/funding-sites';
import { allocationStreamId } from '../../pools/funding-source';
import { AllocationDirectory } from '../allocation-directory';
import { AllocationStreams } from '../allocation-streams';
import { allocationViewOf } from '../allocation.view';
import { RecordAllocationCommand, RecordedAllocation } from './record-allocation.command';

@CommandHandler(RecordAllocationCommand)
export class RecordAllocationHandler implements ICommandHandler<RecordAllocationCommand, RecordedAllocation> {
  constructor(
    private readonly sites: FundingSites,
    private readonly allocations: AllocationStreams,
    private readonly directory: AllocationDirectory,
  ) {}

  async execute({ input, metadata }: RecordAllocationCommand): Promise<RecordedAllocation> {
    await this.sites.require(input.siteId);
    const allocationId = newId();
    const streamId = allocationStreamId(input.siteId, input.source);
    const outcome = await this.allocations.decide(
      streamId,
      { type: 'RecordAllocation', allocationId, ...input, now: metadata.occurredAt },
      metadata,
    );
    const entry = outcome.book.get(allocationId);
    if (entry === undefined) throw new Error('RecordAllocation recorded nothing');
    this.directory.remember(allocationId, streamId);
    return { allocation: allocationViewOf(entry), position: outcome.position };
  }
}
