// The write path of DESIGN §3.2 for any aggregate: load one stream, fold it with `evolve`, run the
// pure `decide`, append with the expected revision that was read. On a concurrency conflict it
// reloads and retries a bounded number of times with jitter, then gives up with a 409.
import { Decider, DomainError, newId } from '@lib/kernel';
import { StreamNotFound, WrongExpectedRevision } from '../event-store.errors';
import type { EventMetadata, EventStore, ExpectedRevision, RecordedEvent } from '../event-store.port';
import type { LogPosition } from '../log-position';
import { StreamStateCache } from './stream-state-cache';

/** Events of a decider: a `type` tag and JSON data, as stored. */
export interface DomainEvent {
  type: string;
  data: unknown;
}

export interface DecideOptions {
  /** Attempts before answering 409; 5 keeps a hot stream live under contention without spinning. */
  maxAttempts?: number;
  cache?: StreamStateCache;
  /** Schema version written for each event type (defaults to 1). */
  schemaVersionOf?: (type: string) => number;
}

export interface DecideResult<State, Event extends DomainEvent> {
  state: State;
  /** What this call appended; empty when the command was already applied or changed nothing. */
  events: Event[];
  /** Revision of the stream after the call (-1: still empty). */
  revision: number;
  /** Log position of the last appended event; null when nothing was appended. */
  position: LogPosition | null;
}

/** The stream kept changing under us: the caller may retry later (HTTP 409). */
export class ConcurrencyConflict extends DomainError {
  readonly code = 'CONCURRENCY.CONFLICT';
  readonly kind = 'conflict' as const;
  constructor(streamId: string, attempts: number) {
    super(`The record changed concurrently ${attempts} times; retry the request`, { streamId, attempts });
  }
}

interface Loaded<State> {
  state: State;
  revision: number;
}

export async function decideOnStream<Command, State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, State, Event>,
  command: Command,
  metadata: EventMetadata,
  options: DecideOptions = {},
): Promise<DecideResult<State, Event>> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt += 1) {
    const loaded = await loadStream(store, streamId, decider, options.cache);
    const events = decider.decide(command, loaded.state);
    if (events.length === 0) return { state: loaded.state, events, revision: loaded.revision, position: null };
    const expected: ExpectedRevision = loaded.revision < 0 ? 'no_stream' : loaded.revision;
    try {
      const result = await store.append(
        streamId,
        events.map((event) => ({
          eventId: newId(),
          type: event.type,
          schemaVersion: options.schemaVersionOf?.(event.type) ?? 1,
          data: event.data,
          metadata,
        })),
        expected,
      );
      const state = events.reduce(decider.evolve, loaded.state);
      options.cache?.put(streamId, result.nextExpectedRevision, state);
      return { state, events, revision: result.nextExpectedRevision, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      if (attempt >= maxAttempts) throw new ConcurrencyConflict(streamId, attempt);
      await jitteredPause(attempt);
    }
  }
}

/** Folds a stream into state, starting from the cached state when there is one. */
export async function loadStream<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
  cache?: StreamStateCache,
): Promise<Loaded<State>> {
  const cached = cache?.get<State>(streamId);
  let state = cached?.state ?? decider.initialState();
  let revision = cached?.revision ?? -1;
  let recorded: RecordedEvent[];
  try {
    recorded = await store.readStream(streamId, revision + 1);
  } catch (error) {
    if (error instanceof StreamNotFound) return { state, revision };
    throw error;
  }
  for (const event of recorded) {
    state = decider.evolve(state, { type: event.type, data: event.data } as Event);
    revision = event.streamRevision;
  }
  if (recorded.length > 0) cache?.put(streamId, revision, state);
  return { state, revision };
}

/** Random pause growing with the attempt, so competing writers spread out instead of colliding again. */
function jitteredPause(attempt: number): Promise<void> {
  const ceilingMs = Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceilingMs));
}
