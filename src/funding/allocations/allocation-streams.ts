// Runs an allocation or disbursement command on the stream that holds the allocation, whichever
// aggregate that is (site-funds for sale proceeds, grant for a grant), and hands back the
// allocations of that stream after the command.
import { Inject, Injectable } from '@nestjs/common';
import { EventMetadata, EventStore, LogPosition } from '@lib/event-store';
import { EVENT_STORE } from '../../ops/platform/platform.tokens';
import { positionAfter } from '../../registry/shared/command-position';
import type { RecordDisbursement } from '../disbursements/disbursement-decision';
import { grantDecider } from '../grants/grant.decider';
import { FundingStreams } from '../pools/funding-streams';
import { GRANT_STREAM_PREFIX, SITE_FUNDS_STREAM_PREFIX } from '../pools/funding-source';
import { siteFundsDecider } from '../pools/site-funds.decider';
import { AllocationBook, emptyAllocationBook } from './allocation-book';
import type { CancelAllocation, RecordAllocation } from './allocation-decisions';

export type AllocationStreamCommand = RecordAllocation | CancelAllocation | RecordDisbursement;

export interface AllocationStreamOutcome {
  book: AllocationBook;
  /** True when the command appended (false: a retry of something already recorded). */
  appended: boolean;
  /** Position of the command's events, or of the stream's last event for a retry (read-your-writes). */
  position: LogPosition | null;
}

@Injectable()
export class AllocationStreams {
  constructor(
    private readonly streams: FundingStreams,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  async decide(streamId: string, command: AllocationStreamCommand, metadata: EventMetadata): Promise<AllocationStreamOutcome> {
    if (streamId.startsWith(SITE_FUNDS_STREAM_PREFIX)) {
      const result = await this.streams.decide(streamId, siteFundsDecider, command, metadata);
      return { book: result.state.book, appended: result.events.length > 0, position: await positionAfter(this.eventStore, streamId, result) };
    }
    if (streamId.startsWith(GRANT_STREAM_PREFIX)) {
      const result = await this.streams.decide(streamId, grantDecider, command, metadata);
      const book = result.state.status === 'registered' ? result.state.book : emptyAllocationBook();
      return { book, appended: result.events.length > 0, position: await positionAfter(this.eventStore, streamId, result) };
    }
    throw new Error(`${streamId} holds no allocations`);
  }
}
