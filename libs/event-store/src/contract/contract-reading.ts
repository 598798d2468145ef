// Reading helpers of the contract cases. A committed event may become visible to readAll a little
// later (PostgreSQL waits until no older transaction is open anywhere on the server), so cases wait
// for what they expect, within a liveness bound, instead of assuming it is there at once.
import { setTimeout as sleep } from 'timers/promises';
import type { EventStore, RecordedEvent } from '../event-store.port';
import { comparePositions, LogPosition } from '../log-position';
import { anEvent, freshStreamId } from './contract-events';

const PAUSE_MS = 20;
/** Liveness bound: about 20 s of pauses before a case fails instead of hanging to the Jest timeout. */
const MAX_PAUSES = 1000;

/** Polls `condition` until it holds; throws naming `what` when the bound is reached. */
export async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let pause = 0; pause < MAX_PAUSES; pause += 1) {
    if (condition()) return;
    await sleep(PAUSE_MS);
  }
  if (!condition()) throw new Error(`Gave up waiting for ${what}`);
}

/** Appends one event to a fresh stream and returns its position: later appends come after it. */
export async function markLogHead(store: EventStore): Promise<LogPosition> {
  const result = await store.append(freshStreamId('contract-marker'), [anEvent('ContractMarker')], 'no_stream');
  return result.position;
}

export function assertStrictlyAfter(event: RecordedEvent, previous: LogPosition | null): void {
  if (previous !== null && comparePositions(event.position, previous) <= 0) {
    throw new Error(`Event ${event.eventId} at ${event.position.commit}-${event.position.prepare} is not after ${previous.commit}-${previous.prepare}`);
  }
}

export interface OwnEventsRead {
  /** Events of the watched streams, in the order readAll returned them. */
  events: RecordedEvent[];
  /** Position of the last event readAll returned (any stream). */
  last: LogPosition | null;
}

/**
 * Pages through readAll from `after` until `count` events of `streams` were seen, then reads on to
 * the end of what is visible, so duplicates show up. Checks every page against `pageSize` and that
 * positions strictly increase across pages.
 */
export async function readOwnEvents(
  store: EventStore,
  after: LogPosition | null,
  streams: ReadonlySet<string>,
  count: number,
  pageSize = 50,
): Promise<OwnEventsRead> {
  const events: RecordedEvent[] = [];
  let cursor = after;
  let pauses = 0;
  for (;;) {
    const page = await store.readAll(cursor, pageSize);
    if (page.length > pageSize) throw new Error(`readAll returned ${page.length} events for a limit of ${pageSize}`);
    for (const event of page) {
      assertStrictlyAfter(event, cursor);
      cursor = event.position;
      if (streams.has(event.streamId)) events.push(event);
    }
    if (page.length > 0) continue;
    if (events.length >= count) return { events, last: cursor };
    pauses += 1;
    if (pauses > MAX_PAUSES) throw new Error(`readAll showed ${events.length} of ${count} expected events`);
    await sleep(PAUSE_MS);
  }
}

/** Consumes a subscription in the background, keeping the events of the watched streams. */
export class SubscriptionProbe {
  readonly received: RecordedEvent[] = [];
  private readonly controller = new AbortController();
  private failure: unknown = null;
  private ended = false;
  private readonly consumed: Promise<void>;

  constructor(
    store: EventStore,
    after: LogPosition | null,
    private readonly streams: ReadonlySet<string>,
    batchSize?: number,
  ) {
    this.consumed = this.consume(store, after, batchSize);
  }

  get isEnded(): boolean {
    return this.ended;
  }

  async waitForCount(count: number): Promise<void> {
    await waitFor(() => this.received.length >= count || this.ended, `${count} events from the subscription`);
    this.throwIfFailed();
    if (this.received.length < count) throw new Error(`Subscription ended after ${this.received.length} of ${count} events`);
  }

  /** Aborts and resolves once the iteration has ended, rethrowing any subscription error. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.consumed;
    this.throwIfFailed();
  }

  /** Resolves when the iteration ends by itself (e.g. the store was closed). */
  async waitForEnd(): Promise<void> {
    await this.consumed;
    this.throwIfFailed();
  }

  private async consume(store: EventStore, after: LogPosition | null, batchSize?: number): Promise<void> {
    let cursor = after;
    try {
      for await (const event of store.subscribe(after, { signal: this.controller.signal, batchSize })) {
        assertStrictlyAfter(event, cursor);
        cursor = event.position;
        if (this.streams.has(event.streamId)) this.received.push(event);
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.ended = true;
    }
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }
}
