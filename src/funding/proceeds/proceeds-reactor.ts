// The sale proceeds reactor (DESIGN §3.2): a checkpointed, single-active consumer of the whole log
// that turns every `PurchaseSettled` into proceeds on the funding pools (SaleProceeds), crediting
// the settlements at hand together. Its checkpoint is its own (`reactor:sale-proceeds`), not a
// projection's, so rebuilding read models never replays it; and since the pools remember each
// purchase, a lost or rewound checkpoint only costs a re-read: nothing is credited twice (R7). A
// failure backs off and retries the same events: nothing is skipped either.
import { EventEmitter } from 'events';
import type { DataSource } from 'typeorm';
import { EventStore, hasReached, LogPosition, RecordedEvent } from '@lib/event-store';
import { CheckpointStore, ConsumerLock } from '@lib/projections';
import type { Logger } from 'pino';
import { sleep } from '@lib/kernel';

export const PROCEEDS_REACTOR_CONSUMER = 'reactor:sale-proceeds';
const CHECKPOINT_VERSION = 1;
/** Events read ahead of the work: bounded memory, few round trips. */
const BATCH_SIZE = 200;
/**
 * Why the checkpoint is saved once the events at hand are handled (when the subscription would
 * wait for the log), or every few hundred events, rather than after each settlement: a settlement's
 * effect is committed in its own append, and the pools remember each purchase, so a checkpoint
 * left behind by a crash costs only a re-check of those settlements (nothing is credited twice);
 * under a stream of settlements a save per settlement was a transaction per sale.
 */
const SAVE_EVERY_EVENTS = 500;
/** Events handled together at most (see `handle`): one full group per funding stream; a run ends sooner when the log has no more at hand. */
const CREDIT_WINDOW_EVENTS = 100;
const MIN_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 30_000;

export interface ProceedsReactorOptions {
  dataSource: DataSource;
  eventStore: EventStore;
  /**
   * The effect of settlements (in log order), all credited when it resolves; must be idempotent
   * (it is re-run after any failure, those already credited included).
   */
  credit: (settlements: readonly RecordedEvent[]) => Promise<void>;
  logger: Logger;
  /** Pause between attempts to take the lock another replica holds (default 1 s). */
  lockRetryMs?: number;
}

export interface ProceedsReactorStatus {
  running: boolean;
  position: LogPosition | null;
  credited: number;
  lastError: string | null;
}

export class ProceedsReactor {
  private readonly checkpoints: CheckpointStore;
  private readonly progress = new EventEmitter();
  private stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private position: LogPosition | null = null;
  private unsaved = 0;
  private holdsLock = false;
  private credited = 0;
  private lastError: string | null = null;

  constructor(private readonly options: ProceedsReactorOptions) {
    this.checkpoints = new CheckpointStore(options.dataSource);
    this.progress.setMaxListeners(0);
  }

  /** Starts in the background; it works once it holds the lock (standing by otherwise). */
  start(): void {
    if (this.loop !== null) return;
    this.stopping = new AbortController();
    this.loop = this.run();
  }

  /** Finishes the settlement in flight, saves the checkpoint, releases the lock. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    this.loop = null;
  }

  status(): ProceedsReactorStatus {
    return { running: this.holdsLock, position: this.position, credited: this.credited, lastError: this.lastError };
  }

  /** True once this process has handled every event up to `position`; false after `timeoutMs`. */
  async waitUntilProcessed(position: LogPosition, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!hasReached(this.position, position)) {
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) return false;
      const woken = new AbortController();
      const wake = (): void => woken.abort();
      this.progress.once('progress', wake);
      await sleep(remainingMs, woken.signal);
      this.progress.off('progress', wake);
    }
    return true;
  }

  private get signal(): AbortSignal {
    return this.stopping.signal;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.signal.aborted) {
      let lock: ConsumerLock | null;
      try {
        lock = await ConsumerLock.acquire(this.options.dataSource, PROCEEDS_REACTOR_CONSUMER, { retryMs: this.options.lockRetryMs, signal: this.signal });
      } catch (error) {
        failures += 1;
        await this.backOff(error, failures, 'sale proceeds reactor cannot take its lock; retrying');
        continue;
      }
      if (lock === null) return;
      failures = 0;
      this.holdsLock = true;
      try {
        await this.consumeWhileHeld(lock);
      } finally {
        this.holdsLock = false;
        await lock.release();
      }
    }
  }

  /** Returns on stop, or when the lock went with its connection (the caller takes it again). */
  private async consumeWhileHeld(lock: ConsumerLock): Promise<void> {
    let failures = 0;
    let loaded = false;
    while (!this.signal.aborted) {
      try {
        if (!loaded) {
          const checkpoint = await this.checkpoints.load(PROCEEDS_REACTOR_CONSUMER, lock.queryRunner);
          this.position = checkpoint?.position ?? null;
          this.unsaved = 0;
          loaded = true;
          this.options.logger.info({ consumer: PROCEEDS_REACTOR_CONSUMER, position: this.position }, 'sale proceeds reactor started');
        }
        await this.follow(lock);
        failures = 0;
      } catch (error) {
        failures += 1;
        await this.backOff(error, failures, 'sale proceeds reactor failed; retrying from its last handled event');
        if (!(await lock.isHeld())) return;
      }
    }
    await this.save(lock).catch((error: unknown) =>
      this.options.logger.warn({ consumer: PROCEEDS_REACTOR_CONSUMER, err: error }, 'sale proceeds reactor could not save its checkpoint on stop'),
    );
  }

  private async follow(lock: ConsumerLock): Promise<void> {
    // Own controller: leaving on an error must end the subscription too, not only a stop.
    const subscription = new AbortController();
    const stop = (): void => subscription.abort();
    this.signal.addEventListener('abort', stop, { once: true });
    const iterator = this.options.eventStore.subscribe(this.position, { signal: subscription.signal, batchSize: BATCH_SIZE })[Symbol.asyncIterator]();
    /** Events read and not yet handled, in log order. */
    const window: RecordedEvent[] = [];
    try {
      let next = iterator.next();
      while (!this.signal.aborted) {
        const waiting = await isPending(next);
        if (window.length > 0 && (waiting || window.length >= CREDIT_WINDOW_EVENTS)) {
          await this.handle(window.splice(0));
          if (this.unsaved >= SAVE_EVERY_EVENTS) await this.save(lock);
          continue;
        }
        // Nothing more at hand: record how far we got before waiting for the log.
        if (waiting && this.unsaved > 0) await this.save(lock);
        const result = await next;
        if (result.done === true) return;
        window.push(result.value);
        next = iterator.next();
      }
    } finally {
      this.signal.removeEventListener('abort', stop);
      subscription.abort();
      await iterator.return?.().catch(() => undefined);
    }
  }

  /**
   * Credits the settlements among `events` all at once, then moves past the last event. Why at
   * once: their commands then meet in the funding streams' queues, so a run of settlements of one
   * site costs one append on its funds stream and one on the programme's, not two per sale. Every
   * credit is awaited before anything moves; if one failed, the whole run is handled again after
   * the back-off, which the pools make harmless for those already credited.
   */
  private async handle(events: readonly RecordedEvent[]): Promise<void> {
    const settlements = events.filter((event) => event.type === 'PurchaseSettled');
    if (settlements.length > 0) await this.options.credit(settlements);
    this.position = events[events.length - 1].position;
    this.unsaved += events.length;
    if (settlements.length > 0) {
      this.credited += settlements.length;
      this.lastError = null;
    }
    this.progress.emit('progress');
  }

  private async save(lock: ConsumerLock): Promise<void> {
    if (this.unsaved === 0) return;
    const position = this.position;
    // One statement on the lock's connection: the credits it covers were appended already.
    await this.checkpoints.save(PROCEEDS_REACTOR_CONSUMER, CHECKPOINT_VERSION, position, lock.queryRunner);
    this.unsaved = 0;
  }

  private async backOff(error: unknown, failures: number, message: string): Promise<void> {
    this.lastError = error instanceof Error ? error.message : String(error);
    const delayMs = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** Math.min(failures - 1, 16));
    this.options.logger.error({ consumer: PROCEEDS_REACTOR_CONSUMER, failures, retryInMs: delayMs, err: error }, message);
    await sleep(delayMs, this.signal);
  }
}

/**
 * True when `next` is not settled within this turn of the event loop (before setImmediate): the
 * subscription has no event at hand and is waiting for the log.
 */
async function isPending(next: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Immediate | undefined;
  const pending = new Promise<true>((resolve) => {
    timer = setImmediate(() => resolve(true));
  });
  try {
    return await Promise.race([next.then(() => false, () => false), pending]);
  } finally {
    clearImmediate(timer);
  }
}

