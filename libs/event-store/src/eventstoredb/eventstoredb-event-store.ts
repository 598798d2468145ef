// The EventStoreDB adapter of the EventStore port (DESIGN §3.3), on @eventstore/db-client.
// Optimistic concurrency is EventStoreDB's own expected-revision check; event ids are ours (given
// or UUID v7), so a retried append sends the same ids and the server recognises it.
// Needs EventStoreDB 22.6 or later (stream reads must carry log positions).
import { BACKWARDS, END, EventStoreDBClient, FORWARDS, ResolvedEvent, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import { DuplicateEventId, StreamNotFound, WrongExpectedRevision } from '../event-store.errors';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent, StreamRevision, SubscribeOptions } from '../event-store.port';
import { comparePositions, LogPosition } from '../log-position';
import { assertMaxCount } from '../read-options';
import type { EventUpcast } from '../upcasting';
import {
  identifyEvents,
  IdentifiedEvent,
  isOurEvent,
  toActualRevision,
  toEsdbExpectedRevision,
  toEsdbReadPosition,
  toEventData,
  toRecordedEvent,
  toStreamRevision,
} from './eventstoredb-mapping';
import { subscribeToOurEvents } from './eventstoredb-subscription';

export interface EventStoreDbEventStoreOptions {
  /** Applied to every event returned (e.g. `new UpcasterRegistry([...]).asEventUpcast`). */
  upcast?: EventUpcast;
  /** When set, readAll and subscribe only return streams starting with one of these. */
  streamPrefixes?: readonly string[];
}

/** $all events fetched per round trip while readAll skips system events. */
const READ_ALL_PAGE_SIZE = 256;
/** How far back a conflicting append looks for its own ids (an earlier attempt that succeeded). */
const RETRY_LOOKBACK_EVENTS = 10_000;

export class EventStoreDbEventStore implements EventStore {
  private readonly upcast: EventUpcast;
  private readonly streamPrefixes: readonly string[];
  /** Stops of live subscriptions, aborted by close(). */
  private readonly stops = new Set<AbortController>();
  private closed = false;

  /** The store owns the client: close() disposes it. */
  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbEventStoreOptions = {},
  ) {
    this.upcast = options.upcast ?? ((event) => event);
    this.streamPrefixes = [...(options.streamPrefixes ?? [])];
  }

  /** e.g. `esdb://localhost:2113?tls=false` (EVENTSTORE_URL). */
  static connect(connectionString: string, options: EventStoreDbEventStoreOptions = {}): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  async append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const identified = identifyEvents(streamId, events);
    try {
      const written = await this.client.appendToStream(streamId, identified.map(toEventData), {
        expectedRevision: toEsdbExpectedRevision(expectedRevision),
      });
      // The server answers an idempotent retry without a position, and for several events it
      // reports the batch's first prepare position; reading the last event back gives its real
      // position in $all either way, the same one readAll and subscribe will show.
      return await this.resultEndingAt(streamId, identified, toStreamRevision(written.nextExpectedRevision));
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // A retry of an append that did succeed (e.g. its answer was lost) meets a moved stream.
      const original = await this.originalResultOfRetry(streamId, identified);
      if (original) return original;
      throw new WrongExpectedRevision(streamId, expectedRevision, toActualRevision(error.actualVersion));
    }
  }

  async readStream(streamId: string, fromRevision: StreamRevision = 0, maxCount?: number): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertMaxCount(maxCount);
    const read = this.client.readStream(streamId, { fromRevision: BigInt(Math.max(0, fromRevision)), direction: FORWARDS, ...(maxCount === undefined ? {} : { maxCount }) });
    return (await collectStream(streamId, read)).map((event) => this.present(toRecordedEvent(event)));
  }

  /** The server serves followers itself ($all reads are cheap there): the same as readAll. */
  readAllFollowing(after: LogPosition | null, limit: number): Promise<RecordedEvent[]> {
    return this.readAll(after, limit);
  }

  async readAll(after: LogPosition | null, limit: number): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`readAll limit must be a positive integer, got ${limit}`);
    const ours: RecordedEvent[] = [];
    let cursor = after;
    // Each round reads on from the last event seen, ours or not; it ends at the end of the log.
    for (;;) {
      let seen = 0;
      const page = this.client.readAll({ fromPosition: toEsdbReadPosition(cursor), maxCount: READ_ALL_PAGE_SIZE, direction: FORWARDS });
      for await (const resolved of page) {
        seen += 1;
        const event = resolved.event;
        // fromPosition is inclusive: skip `after` itself and anything not strictly past the cursor.
        if (!event || (cursor !== null && comparePositions(event.position, cursor) <= 0)) continue;
        cursor = event.position;
        if (!isOurEvent(event, this.streamPrefixes)) continue;
        ours.push(this.present(toRecordedEvent(event)));
        if (ours.length === limit) {
          await page.cancel();
          return ours;
        }
      }
      if (seen < READ_ALL_PAGE_SIZE) return ours;
    }
  }

  async *subscribe(after: LogPosition | null, options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
    if (this.closed) return;
    // batchSize does not apply: the server pushes events as the subscription consumes them.
    const stop = new AbortController();
    this.stops.add(stop);
    try {
      const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
      const present = (event: RecordedEvent): RecordedEvent => this.present(event);
      yield* subscribeToOurEvents(this.client, { after, streamPrefixes: this.streamPrefixes, signal, present });
    } finally {
      this.stops.delete(stop);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.stops) stop.abort();
    await this.client.dispose();
  }

  /** The AppendResult of `events`, whose last one is stored at `lastRevision`. */
  private async resultEndingAt(streamId: string, events: readonly IdentifiedEvent[], lastRevision: StreamRevision): Promise<AppendResult> {
    const read = this.client.readStream(streamId, { fromRevision: BigInt(lastRevision), maxCount: 1, direction: FORWARDS });
    const [last] = await collectStream(streamId, read);
    const expectedId = events[events.length - 1].eventId;
    if (last?.id !== expectedId) {
      // Not ours at that revision: the server answered for another batch; find ours by id.
      const original = await this.originalResultOfRetry(streamId, events);
      if (original) return original;
      throw new Error(`Append to ${streamId} succeeded but event ${expectedId} is not in the stream`);
    }
    return { nextExpectedRevision: lastRevision, position: toRecordedEvent(last).position };
  }

  /**
   * When the batch's ids are already stored in this stream, consecutively and in order, the batch
   * is a retry of an append that succeeded: its result is the original one. Some but not all of
   * them stored, or out of order, is a reuse of ids: DuplicateEventId. None stored: null.
   */
  private async originalResultOfRetry(streamId: string, events: readonly IdentifiedEvent[]): Promise<AppendResult | null> {
    const read = this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: RETRY_LOOKBACK_EVENTS });
    const recent = (await collectStream(streamId, read).catch(emptyWhenNotFound)).reverse();
    const indexById = new Map(recent.map((event, index) => [event.id, index]));
    const reused = events.find((event) => indexById.has(event.eventId));
    if (!reused) return null;
    const first = indexById.get(events[0].eventId);
    const isExactRetry = first !== undefined && events.every((event, offset) => recent[first + offset]?.id === event.eventId);
    if (!isExactRetry) throw new DuplicateEventId(reused.eventId);
    const last = toRecordedEvent(recent[first + events.length - 1]);
    return { nextExpectedRevision: last.streamRevision, position: last.position };
  }

  private present(event: RecordedEvent): RecordedEvent {
    return this.upcast(event);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('EventStoreDbEventStore is closed');
  }
}

type EsdbStreamEvent = NonNullable<ResolvedEvent['event']>;

/** The events of a stream read, mapping the client's StreamNotFoundError to ours. */
async function collectStream(streamId: string, read: AsyncIterable<ResolvedEvent>): Promise<EsdbStreamEvent[]> {
  const events: EsdbStreamEvent[] = [];
  try {
    for await (const resolved of read) if (resolved.event) events.push(resolved.event);
  } catch (error) {
    if (error instanceof StreamNotFoundError) throw new StreamNotFound(streamId);
    throw error;
  }
  return events;
}

function emptyWhenNotFound(error: unknown): EsdbStreamEvent[] {
  if (error instanceof StreamNotFound) return [];
  throw error;
}
