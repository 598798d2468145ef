// The write path of every funding command: a StreamCommandQueue per decider (group commit per
// stream, bounded retries against other processes) over one state cache. Why a queue: a pool takes
// many commands at once (a committee's allocations, or the sale proceeds reactor crediting a run
// of settlements to one site); decided one by one, N parallel commands on one stream would collide
// N-1 times per round and run out of retries with a 409, and each would cost its own append. In the
// queue, the commands waiting on a stream are decided in arrival order on the state the previous
// ones left and appended together; a refused command adds nothing (R10). Other processes are still
// kept out by optimistic concurrency. A bounded queue per stream keeps a flood from piling up.
import { Inject, Injectable } from '@nestjs/common';
import { DecideResult, DomainEvent, EventMetadata, EventStore, loadStream, StreamCommandQueue, StreamStateCache } from '@lib/event-store';
import type { Decider } from '@lib/kernel';
import { EVENT_STORE } from '../../ops/platform/platform.tokens';

/** Commands waiting on one stream in this process, at most (more get 409 CONCURRENCY.STREAM_BUSY). */
const MAX_WAITING_PER_STREAM = 1_000;
/** Funding streams stay small (a site's or a grant's history): a few hundred cached states suffice. */
const CACHED_STREAMS = 500;
/** Attempts against writers in other processes; in-process writers never collide (queues). */
const MAX_ATTEMPTS = 8;

// The queues are keyed by decider object; each decider has one command, state and event type, which
// this map cannot express, so its entries are typed at the edge (queueFor).
type AnyQueue = StreamCommandQueue<unknown, unknown, DomainEvent>;

@Injectable()
export class FundingStreams {
  private readonly cache = new StreamStateCache(CACHED_STREAMS);
  private readonly queues = new Map<object, AnyQueue>();

  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  decide<Command, State, Event extends DomainEvent>(
    streamId: string,
    decider: Decider<Command, State, Event>,
    command: Command,
    metadata: EventMetadata,
  ): Promise<DecideResult<State, Event>> {
    return this.queueFor(decider).submit(streamId, command, metadata);
  }

  /** The stream's current state (through the same cache). */
  load<State, Event extends DomainEvent>(streamId: string, decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>): Promise<{ state: State; revision: number }> {
    return loadStream(this.eventStore, streamId, decider, this.cache);
  }

  private queueFor<Command, State, Event extends DomainEvent>(decider: Decider<Command, State, Event>): StreamCommandQueue<Command, State, Event> {
    let queue = this.queues.get(decider) as StreamCommandQueue<Command, State, Event> | undefined;
    if (queue === undefined) {
      queue = new StreamCommandQueue(this.eventStore, decider, { cache: this.cache, maxAttempts: MAX_ATTEMPTS, maxWaiting: MAX_WAITING_PER_STREAM });
      this.queues.set(decider, queue as unknown as AnyQueue);
    }
    return queue;
  }
}
