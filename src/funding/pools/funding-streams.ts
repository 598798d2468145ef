// The write path of every funding command: decideOnStream (load, decide, append with the expected
// revision, bounded retries) behind an in-process lane per stream. Why lanes: a pool takes many
// allocations at once (a committee meeting, or 20 parallel requests in a test); without them N
// parallel commands on one stream collide N-1 times per round and run out of retries with a 409.
// In a lane they run one after another in this process; other processes are still kept out by
// optimistic concurrency. A bounded queue per stream keeps a flood from piling up without end.
import { Inject, Injectable } from '@nestjs/common';
import { DecideResult, decideOnStream, DomainEvent, EventMetadata, EventStore, loadStream, StreamStateCache } from '@lib/event-store';
import { Decider, DomainError } from '@lib/kernel';
import { EVENT_STORE } from '../../ops/platform/platform.tokens';

/** Commands waiting on one stream in this process, at most. */
const MAX_WAITING_PER_STREAM = 1_000;
/** Funding streams stay small (a site's or a grant's history): a few hundred cached states suffice. */
const CACHED_STREAMS = 500;
/** Attempts against writers in other processes; in-process writers never collide (lanes). */
const MAX_ATTEMPTS = 8;

/** Too many commands already wait on this stream: the caller may retry later (409). */
export class FundingStreamBusy extends DomainError {
  readonly code = 'CONCURRENCY.STREAM_BUSY';
  readonly kind = 'conflict' as const;
  constructor(streamId: string) {
    super('Too many requests are waiting on this record; retry shortly', { streamId });
  }
}

@Injectable()
export class FundingStreams {
  private readonly cache = new StreamStateCache(CACHED_STREAMS);
  /** Tail of each stream's lane and how many commands wait in it. */
  private readonly lanes = new Map<string, { tail: Promise<unknown>; waiting: number }>();

  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  decide<Command, State, Event extends DomainEvent>(
    streamId: string,
    decider: Decider<Command, State, Event>,
    command: Command,
    metadata: EventMetadata,
  ): Promise<DecideResult<State, Event>> {
    return this.inLane(streamId, () => decideOnStream(this.eventStore, streamId, decider, command, metadata, { cache: this.cache, maxAttempts: MAX_ATTEMPTS }));
  }

  /** The stream's current state (through the same cache). */
  load<State, Event extends DomainEvent>(streamId: string, decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>): Promise<{ state: State; revision: number }> {
    return loadStream(this.eventStore, streamId, decider, this.cache);
  }

  private inLane<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const lane = this.lanes.get(streamId) ?? { tail: Promise.resolve(), waiting: 0 };
    if (lane.waiting >= MAX_WAITING_PER_STREAM) return Promise.reject(new FundingStreamBusy(streamId));
    lane.waiting += 1;
    const run = lane.tail.then(work, work);
    lane.tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.lanes.set(streamId, lane);
    return run.finally(() => {
      lane.waiting -= 1;
      if (lane.waiting === 0 && this.lanes.get(streamId) === lane) this.lanes.delete(streamId);
    });
  }
}
