// The recent end of the log, read once per process and shared by its followers (subscriptions).
//
// Why: a process runs a dozen followers (projections, reactors, dispatchers), and each used to
// read the log itself: under a steady stream of appends every event was fetched, sent and parsed a
// dozen times, and each read paid for the read horizon (a scan of pg_locks). The tail reads the
// log once, after each wake-up (paced under load), keeps a bounded window of the latest events and
// wakes the followers; a follower at or after the window's start is served from memory, one that
// is further behind reads the store itself until it catches up.
//
// The window is complete: every event with a position in (start, end] is in it, in log order. It
// starts empty at the log's head as seen at that moment and grows by reads from its end, each of
// which returns exactly the events after that position below the horizon. Followers see the log
// at most one tail read late, and are woken (generation bump) whenever the window grows.
import { sleep } from '@lib/kernel';
import type { RecordedEvent } from '../event-store.port';
import { comparePositions, LogPosition } from '../log-position';
import { WakeSignal, WakeUps } from './append-signal';
import type { EventStoreLogger } from './event-store-logger';

export interface LogTailSource {
  /** Fresh read of the store (below the horizon). */
  readAll(after: LogPosition | null, limit: number): Promise<RecordedEvent[]>;
  /** Position of the last event below the horizon; null for an empty log. */
  head(): Promise<LogPosition | null>;
}

export interface LogTailOptions {
  /** Events kept in memory; older ones are evicted (followers behind them read the store). */
  windowSize: number;
  /** Most events one tail read asks for. */
  fetchLimit: number;
  /** Least time between the starts of two tail reads that were not full: gathers appends under load. */
  minFetchIntervalMs: number;
  /** Longest wait for a wake-up before reading anyway (late commits, lost notifications). */
  pollIntervalMs: number;
  /** First pause after a failed read; doubles up to 30 s. */
  retryDelayMs: number;
}

const MAX_RETRY_DELAY_MS = 30_000;

/** Ordering of `a` against `b` where null is the start of the log (before every position). */
function compareNullable(a: LogPosition | null, b: LogPosition | null): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return comparePositions(a, b);
}

/** Followers share these objects: freezing them turns a follower's mutation into a loud error. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

export class LogTail {
  private events: RecordedEvent[] = [];
  /** Exclusive lower bound of the window; undefined until the tail has started. */
  private start: LogPosition | null | undefined = undefined;
  private end: LogPosition | null = null;
  /** Bumped whenever the window grows (and on failures, so waiters re-read and see them). */
  private readonly wakeUps = new WakeUps();
  private starting: Promise<void> | null = null;
  /** The last tail read's failure, until a read succeeds: followers then read the store themselves. */
  private failure: unknown = null;

  constructor(
    private readonly source: LogTailSource,
    private readonly appendSignal: WakeSignal,
    private readonly options: LogTailOptions,
    private readonly lifetime: AbortSignal,
    private readonly logger: EventStoreLogger,
  ) {}

  /** Take it before reading, then pass it to waitForAppend (the AppendSignal protocol). */
  get seen(): number {
    return this.wakeUps.seen;
  }

  /**
   * Starts the tail (once): finds the head, then follows the log until the store closes. Never
   * rejects: when the head cannot be read, the next call tries again and followers read the store.
   */
  listen(): Promise<void> {
    this.starting ??= this.source.head().then(
      (head) => {
        this.start = head;
        this.end = head;
        void this.follow();
      },
      (error: unknown) => {
        this.starting = null;
        this.logger.warn({ err: error }, 'event store: finding the log head failed; followers read the store meanwhile');
      },
    );
    return this.starting;
  }

  /**
   * Up to `limit` events after `after`: from the window when it covers `after`, otherwise (behind
   * the window, ahead of it, or while the tail cannot read) from the store.
   */
  async read(after: LogPosition | null, limit: number): Promise<RecordedEvent[]> {
    await this.listen();
    if (this.failure !== null || this.start === undefined) return this.source.readAll(after, limit);
    if (compareNullable(after, this.start) < 0 || compareNullable(after, this.end) > 0) return this.source.readAll(after, limit);
    const from = this.indexAfter(after);
    return this.events.slice(from, from + limit);
  }

  /** Resolves when the window grew since `seen`, after `timeoutMs`, or when `signal` aborts. */
  waitForAppend(seen: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    return this.wakeUps.wait(seen, timeoutMs, signal);
  }

  /** Index of the first windowed event after `after` (binary search; `after` lies within the window). */
  private indexAfter(after: LogPosition | null): number {
    if (after === null) return 0;
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (comparePositions(this.events[middle].position, after) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private async follow(): Promise<void> {
    const { fetchLimit, minFetchIntervalMs, pollIntervalMs, retryDelayMs } = this.options;
    void this.appendSignal.listen();
    let lastPartialFetchMs = Number.NEGATIVE_INFINITY;
    let failures = 0;
    while (!this.lifetime.aborted) {
      const paceMs = lastPartialFetchMs + minFetchIntervalMs - Date.now();
      if (paceMs > 0) await sleep(paceMs, this.lifetime);
      const seen = this.appendSignal.seen;
      const startedMs = Date.now();
      let batch: RecordedEvent[];
      try {
        batch = await this.source.readAll(this.end, fetchLimit);
      } catch (error) {
        if (this.lifetime.aborted) return;
        failures += 1;
        if (this.failure === null) this.logger.warn({ err: error }, 'event store: reading the log tail failed; followers read the store meanwhile');
        this.failure = error;
        this.wakeUps.wake();
        await sleep(Math.min(MAX_RETRY_DELAY_MS, retryDelayMs * 2 ** Math.min(failures - 1, 10)), this.lifetime);
        continue;
      }
      failures = 0;
      this.failure = null;
      if (batch.length > 0) this.extend(batch);
      if (batch.length === fetchLimit) continue;
      lastPartialFetchMs = startedMs;
      await this.appendSignal.waitForAppend(seen, pollIntervalMs, this.lifetime);
    }
  }

  private extend(batch: RecordedEvent[]): void {
    for (const event of batch) this.events.push(deepFreeze(event));
    this.end = batch[batch.length - 1].position;
    // Evict in chunks, not one event per append: splice moves the whole array.
    const excess = this.events.length - this.options.windowSize;
    if (excess > 0 && excess >= Math.max(1, this.options.windowSize >>> 4)) {
      this.start = this.events[excess - 1].position;
      this.events = this.events.slice(excess);
    }
    this.wakeUps.wake();
  }
}
