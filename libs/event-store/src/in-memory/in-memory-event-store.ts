// The in-memory EventStore: the whole log in an array, for fast unit tests of handlers and
// reactors. Same contract as the durable adapters (in-memory-event-store.contract.spec.ts).
// Positions are the 1-based ordinal of the event in the log, as both commit and prepare.
import { Clock, newId, systemClock } from '@lib/kernel';
import { DuplicateEventId, StreamNotFound, WrongExpectedRevision } from '../event-store.errors';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent, StreamRevision, SubscribeOptions } from '../event-store.port';
import { comparePositions, LogPosition } from '../log-position';
import { assertMaxCount } from '../read-options';
import { assertAppendable, deepFreeze, revisionMatches, viaJson } from './in-memory-append-rules';
import type { EventUpcast } from '../upcasting';

export interface InMemoryEventStoreOptions {
  /** Applied to every event returned (e.g. `new UpcasterRegistry([...]).asEventUpcast`). */
  upcast?: EventUpcast;
  /** Stamps `recordedAt`; defaults to the system clock. */
  clock?: Clock;
}

const DEFAULT_BATCH_SIZE = 100;

export class InMemoryEventStore implements EventStore {
  /** The log; the event at index i has ordinal i + 1. Stored events are frozen deep copies. */
  private readonly log: RecordedEvent[] = [];
  /** Log indexes of each stream's events, in revision order. */
  private readonly streams = new Map<string, number[]>();
  private readonly indexByEventId = new Map<string, number>();
  /** Wake-ups of idle subscriptions, called on every append and on close. */
  private readonly wakeUps = new Set<() => void>();
  private readonly upcast: EventUpcast;
  private readonly clock: Clock;
  private closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.upcast = options.upcast ?? ((event) => event);
    this.clock = options.clock ?? systemClock;
  }

  async append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertAppendable(streamId, events);
    const retried = this.originalResultOfRetry(streamId, events);
    if (retried) return retried;

    const indexes = this.streams.get(streamId) ?? [];
    const actual: StreamRevision | 'no_stream' = indexes.length === 0 ? 'no_stream' : indexes.length - 1;
    if (!revisionMatches(expectedRevision, actual)) throw new WrongExpectedRevision(streamId, expectedRevision, actual);

    // Every check is done before the first write, so an append stores all its events or none.
    const recordedAt = this.clock.now();
    const stored = events.map((event, offset) => this.record(streamId, indexes.length + offset, this.log.length + 1 + offset, event, recordedAt));
    for (const event of stored) {
      const index = this.log.push(event) - 1;
      indexes.push(index);
      this.indexByEventId.set(event.eventId, index);
    }
    this.streams.set(streamId, indexes);
    this.wakeSubscribers();
    const last = stored[stored.length - 1];
    return { nextExpectedRevision: last.streamRevision, position: last.position };
  }

  async readStream(streamId: string, fromRevision: StreamRevision = 0, maxCount?: number): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertMaxCount(maxCount);
    const indexes = this.streams.get(streamId);
    if (!indexes) throw new StreamNotFound(streamId);
    const from = Math.max(0, fromRevision);
    return indexes.slice(from, maxCount === undefined ? undefined : from + maxCount).map((index) => this.present(this.log[index]));
  }

  /** Nothing to share in memory: the same as readAll. */
  readAllFollowing(after: LogPosition | null, limit: number): Promise<RecordedEvent[]> {
    return this.readAll(after, limit);
  }

  async readAll(after: LogPosition | null, limit: number): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.readAfter(after, limit);
  }

  async *subscribe(after: LogPosition | null, options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
    const { signal } = options;
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    let cursor = after;
    while (!this.closed && !signal?.aborted) {
      const batch = this.readAfter(cursor, batchSize);
      if (batch.length === 0) {
        await this.nextAppend(signal);
        continue;
      }
      for (const event of batch) {
        if (this.closed || signal?.aborted) return;
        yield event;
        cursor = event.position;
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeSubscribers();
  }

  private readAfter(after: LogPosition | null, limit: number): RecordedEvent[] {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`readAll limit must be a positive integer, got ${limit}`);
    const start = after === null ? 0 : this.firstIndexAfter(after);
    return this.log.slice(start, start + limit).map((event) => this.present(event));
  }

  /** Binary search: positions grow with the index. */
  private firstIndexAfter(after: LogPosition): number {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (comparePositions(this.log[middle].position, after) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /**
   * An append whose ids are all stored, consecutively and in order, in this stream is a retry of
   * an append that succeeded: answer what it answered. Any other reuse of a stored id is refused.
   */
  private originalResultOfRetry(streamId: string, events: readonly NewEvent[]): AppendResult | null {
    const storedIndexes = events.map((event) => (event.eventId === undefined ? undefined : this.indexByEventId.get(event.eventId)));
    const firstStored = storedIndexes.findIndex((index) => index !== undefined);
    if (firstStored === -1) return null;
    const first = storedIndexes[0] === undefined ? undefined : this.log[storedIndexes[0]];
    const isExactRetry =
      first !== undefined &&
      first.streamId === streamId &&
      storedIndexes.every((index, offset) => {
        if (index === undefined) return false;
        const stored = this.log[index];
        return stored.streamId === streamId && stored.streamRevision === first.streamRevision + offset;
      });
    if (!isExactRetry) throw new DuplicateEventId(events[firstStored].eventId as string);
    const last = this.log[storedIndexes[storedIndexes.length - 1] as number];
    return { nextExpectedRevision: last.streamRevision, position: last.position };
  }

  /**
   * Data and metadata go through JSON, as in the durable adapters: a handler test fails here, not in
   * production, when it puts a bigint, a Date or undefined into an event.
   */
  private record(streamId: string, streamRevision: StreamRevision, ordinal: number, event: NewEvent, recordedAt: Date): RecordedEvent {
    const position = { commit: BigInt(ordinal), prepare: BigInt(ordinal) };
    return deepFreeze({
      eventId: event.eventId ?? newId(),
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      streamId,
      streamRevision,
      position,
      data: viaJson(event.data),
      metadata: viaJson(event.metadata),
      recordedAt: new Date(recordedAt.getTime()),
    });
  }

  /** Callers get their own mutable copy, upcast to the latest schema. */
  private present(event: RecordedEvent): RecordedEvent {
    return this.upcast({
      ...event,
      position: { ...event.position },
      data: viaJson(event.data),
      metadata: viaJson(event.metadata),
      recordedAt: new Date(event.recordedAt.getTime()),
    });
  }

  private nextAppend(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        this.wakeUps.delete(wake);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      this.wakeUps.add(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }

  private wakeSubscribers(): void {
    for (const wake of [...this.wakeUps]) wake();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InMemoryEventStore is closed');
  }
}
