// A checkpointed, single-active consumer of the whole log that is not a projection: the job
// dispatcher (libs/jobs), the sale proceeds reactor (src/funding). The loop they share lives here:
// stand by until this process holds the consumer's lock (ConsumerLock), load the checkpoint, follow
// the log (the subclass's `follow`) until it stops or fails, back off after a failure and follow
// again from the last handled position, take the lock again when its connection was lost, and
// save the checkpoint and release the lock on stop. The checkpoint row is the consumer's own, in
// the projections' `checkpoints` table, never touched by projection rebuilds.
import { EventEmitter } from 'events';
import type { DataSource } from 'typeorm';
import { hasReached, LogPosition } from '@lib/event-store';
import { sleep } from '@lib/kernel';
import { CheckpointStore } from '../checkpoints/checkpoint-store';
import { ConsumerLock } from '../lock/consumer-lock';
import { describeError, ProjectionsLogger } from '../projections-logger';

/** What the loop logs with (a pino Logger, or the jobs library's logger, fits). */
export type ConsumerLogger = Pick<ProjectionsLogger, 'info' | 'warn' | 'error'>;

export interface CheckpointedConsumerOptions {
  /** The checkpoint row and lock name, e.g. `jobs:dispatcher`. */
  consumer: string;
  /** Version stored with the checkpoint (bump it when what a position means changes). */
  checkpointVersion: number;
  /** The database holding the `checkpoints` table. */
  dataSource: DataSource;
  logger: ConsumerLogger;
  /** What the log lines call it, e.g. "job dispatcher". */
  label: string;
  /** Pause after the n-th failure in a row (n ≥ 1) before trying again. */
  retryDelayMs: (failures: number) => number;
  /** Pause between attempts to take the lock another replica holds (default 1 s). */
  lockRetryMs?: number;
}

/** How far a consumer got: the last handled event, and how many were handled since the last save. */
export interface ConsumerProgress {
  position: LogPosition | null;
  unsavedEvents: number;
}

export abstract class CheckpointedConsumer {
  readonly consumer: string;
  protected readonly logger: ConsumerLogger;
  protected readonly progress: ConsumerProgress = { position: null, unsavedEvents: 0 };
  /** The last failure's message; the subclass clears it once work succeeds again. */
  protected lastError: string | null = null;
  private readonly checkpoints: CheckpointStore;
  private readonly progressEvents = new EventEmitter();
  private stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private holdsLock = false;

  protected constructor(private readonly settings: CheckpointedConsumerOptions) {
    this.consumer = settings.consumer;
    this.logger = settings.logger;
    this.checkpoints = new CheckpointStore(settings.dataSource);
    this.progressEvents.setMaxListeners(0);
  }

  /** Starts in the background; it works once it holds the lock (standing by otherwise). */
  start(): void {
    if (this.loop !== null) return;
    this.stopping = new AbortController();
    this.loop = this.run();
  }

  /** Finishes the work in flight, saves the checkpoint, releases the lock. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    this.loop = null;
  }

  /** This process holds the lock and is working. */
  get running(): boolean {
    return this.holdsLock;
  }

  /** True once this process has handled every event up to `position`; false after `timeoutMs`. */
  async waitUntilHandled(position: LogPosition, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!hasReached(this.progress.position, position)) {
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) return false;
      const woken = new AbortController();
      const wake = (): void => woken.abort();
      this.progressEvents.once('progress', wake);
      await sleep(remainingMs, woken.signal);
      this.progressEvents.off('progress', wake);
    }
    return true;
  }

  /** Aborted on stop: `follow` returns once it is. */
  protected get signal(): AbortSignal {
    return this.stopping.signal;
  }

  /**
   * Follows the log from `this.progress.position` until the consumer stops (then returns) or
   * something fails (then throws: the loop backs off and calls it again from the last handled
   * position). It records what it handled with `handled` and may `save` along the way.
   */
  protected abstract follow(lock: ConsumerLock): Promise<void>;

  /** `events` more were handled, up to `position`. */
  protected handled(position: LogPosition, events: number): void {
    this.progress.position = position;
    this.progress.unsavedEvents += events;
    this.progressEvents.emit('progress');
  }

  /** Saves the position with one statement on the lock's connection (what it covers is done already). */
  protected async save(lock: ConsumerLock): Promise<void> {
    if (this.progress.unsavedEvents === 0) return;
    await this.checkpoints.save(this.consumer, this.settings.checkpointVersion, this.progress.position, lock.queryRunner);
    this.progress.unsavedEvents = 0;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.signal.aborted) {
      let lock: ConsumerLock | null;
      try {
        lock = await ConsumerLock.acquire(this.settings.dataSource, this.consumer, { retryMs: this.settings.lockRetryMs, signal: this.signal });
      } catch (error) {
        failures += 1;
        await this.backOff(error, failures, `${this.settings.label} cannot take its lock; retrying`);
        continue;
      }
      if (lock === null) return;
      failures = 0;
      this.holdsLock = true;
      this.logger.info({ consumer: this.consumer }, `${this.settings.label} lock taken`);
      try {
        await this.workWhileHeld(lock);
      } finally {
        this.holdsLock = false;
        await lock.release();
      }
    }
  }

  /** Returns on stop, or when the lock went with its connection (the caller takes it again). */
  private async workWhileHeld(lock: ConsumerLock): Promise<void> {
    let failures = 0;
    let loaded = false;
    while (!this.signal.aborted) {
      try {
        if (!loaded) {
          const checkpoint = await this.checkpoints.load(this.consumer, lock.queryRunner);
          this.progress.position = checkpoint?.position ?? null;
          this.progress.unsavedEvents = 0;
          loaded = true;
          this.logger.info({ consumer: this.consumer, position: this.progress.position }, `${this.settings.label} started`);
        }
        await this.follow(lock);
        failures = 0;
      } catch (error) {
        failures += 1;
        await this.backOff(error, failures, `${this.settings.label} failed; retrying from its last handled event`);
        if (!(await lock.isHeld())) {
          this.logger.warn({ consumer: this.consumer }, `${this.settings.label} lock lost with its connection; taking it again`);
          return;
        }
      }
    }
    // Stopping: keep what was handled, so a restart does not handle it again.
    await this.save(lock).catch((error: unknown) =>
      this.logger.warn({ consumer: this.consumer, ...describeError(error) }, `${this.settings.label} could not save its checkpoint on stop`),
    );
  }

  private async backOff(error: unknown, failures: number, message: string): Promise<void> {
    this.lastError = describeError(error).err.message;
    const retryInMs = this.settings.retryDelayMs(failures);
    this.logger.error({ consumer: this.consumer, failures, retryInMs, ...describeError(error) }, message);
    await sleep(retryInMs, this.signal);
  }
}

/** What `ifReady` answers when the subscription would have to wait for the log. */
export const NOT_YET = Symbol('not yet');

/**
 * The subscription's next result if it already holds it (it resolves within the current turn of
 * the event loop, before setImmediate), NOT_YET when it would have to wait for the log. Consumers
 * use it to gather the events at hand into one run before working on them.
 */
export async function ifReady<T>(next: Promise<T>): Promise<T | typeof NOT_YET> {
  let timer: NodeJS.Immediate | undefined;
  const notYet = new Promise<typeof NOT_YET>((resolve) => {
    timer = setImmediate(() => resolve(NOT_YET));
  });
  try {
    return await Promise.race([next, notYet]);
  } finally {
    clearImmediate(timer);
  }
}
