// Group commit for a busy stream (a hot batch, a site's funds). Commands on the same stream in this process wait in one lane; the
// lane loads the stream once, decides each waiting command in arrival order on the state the
// previous ones left, and appends all their events in one append with the expected revision.
// Why: under decideOnStream alone, N parallel commands on one batch collide N-1 times per round
// and exhaust their retries (409); here they never collide inside a process, and one round trip
// serves a whole group. Other processes are still kept out by optimistic concurrency (retried).
// Each command still appends all of its events or none (R10): a refused command adds nothing to
// the group, and the group's append is atomic.
import { Decider, DomainError, newId } from '@lib/kernel';
import { WrongExpectedRevision } from '../event-store.errors';
import type { EventMetadata, EventStore, NewEvent } from '../event-store.port';
import type { LogPosition } from '../log-position';
import { ConcurrencyConflict, DomainEvent, loadStream } from './decide-on-stream';
import type { StreamStateCache } from './stream-state-cache';

export interface QueuedDecision<State, Event> {
  /** The stream's state right after this command's own events. */
  state: State;
  /** What this command appended; empty when it was already applied (a retry) or changed nothing. */
  events: Event[];
  /** Log position of the group's last event (at or after this command's); null when this command appended nothing. */
  position: LogPosition | null;
  /** Revision of the stream after the group (-1: still empty). */
  revision: number;
}

export interface StreamCommandQueueOptions {
  cache?: StreamStateCache;
  /** Commands decided and appended together, at most (bounds one append's size). */
  maxGroupSize?: number;
  /** Append attempts of a group against writers in other processes before answering 409. */
  maxAttempts?: number;
  /** Commands waiting on one stream, at most; more are refused at once rather than queued without end. */
  maxWaiting?: number;
}

/** Too many commands already wait on this stream: the caller may retry later. */
export class StreamBusy extends DomainError {
  readonly code = 'CONCURRENCY.STREAM_BUSY';
  readonly kind = 'conflict' as const;
  constructor(streamId: string, waiting: number) {
    super('Too many requests are waiting on this record; retry shortly', { streamId, waiting });
  }
}

interface Entry<Command, State, Event> {
  command: Command;
  metadata: EventMetadata;
  resolve(decision: QueuedDecision<State, Event>): void;
  reject(error: unknown): void;
}

type Outcome<State, Event> = { ok: true; state: State; events: Event[] } | { ok: false; error: unknown };

export class StreamCommandQueue<Command, State, Event extends DomainEvent> {
  private readonly lanes = new Map<string, Entry<Command, State, Event>[]>();
  private readonly maxGroupSize: number;
  private readonly maxAttempts: number;
  private readonly maxWaiting: number;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<Command, State, Event>,
    private readonly options: StreamCommandQueueOptions = {},
  ) {
    this.maxGroupSize = options.maxGroupSize ?? 100;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.maxWaiting = options.maxWaiting ?? 10_000;
  }

  submit(streamId: string, command: Command, metadata: EventMetadata): Promise<QueuedDecision<State, Event>> {
    return new Promise((resolve, reject) => {
      const lane = this.lanes.get(streamId);
      if (lane !== undefined) {
        if (lane.length >= this.maxWaiting) return reject(new StreamBusy(streamId, lane.length));
        lane.push({ command, metadata, resolve, reject });
        return;
      }
      const fresh = [{ command, metadata, resolve, reject }];
      this.lanes.set(streamId, fresh);
      void this.drain(streamId, fresh);
    });
  }

  /** Runs groups until the lane is empty, then removes it; a later submit opens a new lane. */
  private async drain(streamId: string, lane: Entry<Command, State, Event>[]): Promise<void> {
    while (lane.length > 0) {
      const group = lane.splice(0, this.maxGroupSize);
      try {
        await this.commit(streamId, group);
      } catch (error) {
        for (const entry of group) entry.reject(error);
      }
    }
    this.lanes.delete(streamId);
  }

  /**
   * Why a cached state is decided on without reading the stream first: the append's exact expected
   * revision proves it was the head (a stale guess fails the append and the group is decided again
   * on a fresh read), so appends need no read on a cache hit. A group that appends nothing proves
   * nothing, though: its refusals and no-ops are decided again on a read state before they stand.
   */
  private async commit(streamId: string, group: readonly Entry<Command, State, Event>[]): Promise<void> {
    let guess = this.options.cache?.get<State>(streamId);
    for (let attempt = 1; ; ) {
      const read = guess === undefined;
      const loaded = guess ?? (await loadStream(this.store, streamId, this.decider, this.options.cache));
      guess = undefined;
      const { outcomes, appended, state } = this.decideGroup(group, loaded.state);
      if (appended.length === 0) {
        if (!read) continue;
        settle(group, outcomes, null, loaded.revision);
        return;
      }
      try {
        const expected = loaded.revision < 0 ? 'no_stream' : loaded.revision;
        const result = await this.store.append(streamId, appended, expected);
        this.options.cache?.put(streamId, result.nextExpectedRevision, state);
        settle(group, outcomes, result.position, result.nextExpectedRevision);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        // A stale guess is not a race with another writer: read and decide again at once.
        if (!read) continue;
        if (attempt >= this.maxAttempts) throw new ConcurrencyConflict(streamId, attempt);
        await jitteredPause(attempt);
        attempt += 1;
      }
    }
  }

  /** Pure: decides every command of the group in order; a refusal leaves the state as it was. */
  private decideGroup(group: readonly Entry<Command, State, Event>[], initial: State) {
    let state = initial;
    const outcomes: Outcome<State, Event>[] = [];
    const appended: NewEvent[] = [];
    for (const entry of group) {
      try {
        const events = this.decider.decide(entry.command, state);
        const after = events.reduce(this.decider.evolve, state);
        state = after;
        outcomes.push({ ok: true, state: after, events });
        for (const event of events) {
          appended.push({ eventId: newId(), type: event.type, schemaVersion: 1, data: event.data, metadata: entry.metadata });
        }
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    return { outcomes, appended, state };
  }
}

function settle<Command, State, Event>(
  group: readonly Entry<Command, State, Event>[],
  outcomes: readonly Outcome<State, Event>[],
  position: LogPosition | null,
  revision: number,
): void {
  group.forEach((entry, index) => {
    const outcome = outcomes[index];
    if (outcome.ok) entry.resolve({ state: outcome.state, events: outcome.events, position: outcome.events.length > 0 ? position : null, revision });
    else entry.reject(outcome.error);
  });
}

/** Random pause growing with the attempt, so writers in several processes spread out. */
function jitteredPause(attempt: number): Promise<void> {
  const ceilingMs = Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceilingMs));
}
