// The event-log → job dispatcher (DESIGN §3.5): a checkpointed consumer of the whole log that turns
// routed events into BullMQ jobs whose ids derive from the event id. Its checkpoint advances only
// after the jobs were accepted, and a re-add of an accepted job is deduplicated by BullMQ, so an
// outage of the queue backend delays side effects but never loses or doubles them. It runs
// single-active (ConsumerLock) and keeps its checkpoint in the projections' `checkpoints` table.
import { EventEmitter } from 'events';
import type { DataSource } from 'typeorm';
import { EventStore, hasReached, LogPosition } from '@lib/event-store';
import { Clock, systemClock } from '@lib/kernel';
import { CheckpointStore, ConsumerLock } from '@lib/projections';
import type { JobQueues } from '../job-queues';
import type { JobRoutes } from '../job-routes';
import { errorContext, JobsLogger, silentJobsLogger } from '../jobs-logger';
import { BackoffPolicy, backoffDelayMs, DEFAULT_DISPATCH_BACKOFF, sleep } from '../retry-backoff';
import type { JobScreen } from './enqueue-event-jobs';
import { DispatchProgress, FollowContext, followLogIntoQueues } from './follow-log';

export interface JobDispatcherOptions {
  /** Distinguishes dispatchers sharing a database; the consumer is `jobs:<name>` (default `dispatcher`). */
  name?: string;
  /** The database holding the `checkpoints` table (libs/projections migrations). */
  dataSource: DataSource;
  eventStore: EventStore;
  queues: JobQueues;
  routes: JobRoutes;
  logger?: JobsLogger;
  /** Turns a job's `runAt` into a delay (default: the system clock). */
  clock?: Clock;
  /** Retries of enqueues and of log reads (default 100 ms doubling up to 5 s). */
  backoff?: Partial<BackoffPolicy>;
  /** Longest wait for one event's jobs to be accepted before retrying (default 5 s). */
  enqueueTimeoutMs?: number;
  /** Events read per subscription batch (default 200). */
  batchSize?: number;
  /** Pause between attempts to take the lock another replica holds (default 1 s). */
  lockRetryMs?: number;
  /** Drops jobs known to have nothing to do, once per batch (see JobScreen). */
  screen?: JobScreen;
  /**
   * Least time between the starts of two batches that were not full (default 50 ms): under a
   * steady stream of events, one enqueue and one checkpoint save serve that interval's events.
   */
  minBatchIntervalMs?: number;
}

const DEFAULT_MIN_BATCH_INTERVAL_MS = 50;

export interface JobDispatcherStatus {
  consumer: string;
  /** This process holds the lock and is dispatching. */
  running: boolean;
  /** Last event whose jobs were accepted (or that had none). */
  dispatchedPosition: LogPosition | null;
  jobsEnqueued: number;
  enqueueFailures: number;
  lastError: string | null;
}

export const DISPATCHER_CHECKPOINT_VERSION = 1;

export function dispatcherConsumer(name: string): string {
  return `jobs:${name}`;
}

export class JobDispatcher {
  readonly consumer: string;
  private readonly logger: JobsLogger;
  private readonly checkpoints: CheckpointStore;
  private readonly backoff: BackoffPolicy;
  private readonly progressEvents = new EventEmitter();
  private stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private progress: DispatchProgress = { position: null, unsavedEvents: 0 };
  private holdsLock = false;
  private jobsEnqueued = 0;
  private enqueueFailures = 0;
  private lastError: string | null = null;

  constructor(private readonly options: JobDispatcherOptions) {
    this.consumer = dispatcherConsumer(options.name ?? 'dispatcher');
    this.logger = options.logger ?? silentJobsLogger;
    this.checkpoints = new CheckpointStore(options.dataSource);
    this.backoff = { ...DEFAULT_DISPATCH_BACKOFF, ...options.backoff };
    this.progressEvents.setMaxListeners(0);
  }

  /** Starts in the background; it dispatches once it holds the lock (standing by otherwise). */
  start(): void {
    if (this.loop !== null) return;
    this.stopping = new AbortController();
    this.loop = this.run();
  }

  /** Finishes the enqueue in flight, saves the checkpoint, releases the lock. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    this.loop = null;
  }

  status(): JobDispatcherStatus {
    return {
      consumer: this.consumer,
      running: this.holdsLock,
      dispatchedPosition: this.progress.position,
      jobsEnqueued: this.jobsEnqueued,
      enqueueFailures: this.enqueueFailures,
      lastError: this.lastError,
    };
  }

  /** True once the jobs of every event up to `position` were accepted by this process; false on timeout. */
  async waitUntilDispatched(position: LogPosition, timeoutMs: number): Promise<boolean> {
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

  private get signal(): AbortSignal {
    return this.stopping.signal;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.signal.aborted) {
      let lock: ConsumerLock | null;
      try {
        lock = await ConsumerLock.acquire(this.options.dataSource, this.consumer, { retryMs: this.options.lockRetryMs, signal: this.signal });
      } catch (error) {
        failures += 1;
        await this.recordFailure(error, failures, 'job dispatcher cannot take its lock; retrying');
        continue;
      }
      if (lock === null) return;
      failures = 0;
      this.holdsLock = true;
      this.logger.info({ consumer: this.consumer }, 'job dispatcher lock taken');
      try {
        await this.dispatchWhileHeld(lock);
      } finally {
        this.holdsLock = false;
        await lock.release();
      }
    }
  }

  /** Returns on stop, or when the lock was lost with its connection (the caller takes it again). */
  private async dispatchWhileHeld(lock: ConsumerLock): Promise<void> {
    let failures = 0;
    let loaded = false;
    while (!this.signal.aborted) {
      try {
        if (!loaded) {
          const checkpoint = await this.checkpoints.load(this.consumer, lock.queryRunner);
          this.progress = { position: checkpoint?.position ?? null, unsavedEvents: 0 };
          loaded = true;
        }
        await followLogIntoQueues(this.followContext(lock), this.progress);
        failures = 0;
      } catch (error) {
        failures += 1;
        await this.recordFailure(error, failures, 'job dispatcher failed reading the log or saving its checkpoint; retrying');
        if (!(await lock.isHeld())) {
          this.logger.warn({ consumer: this.consumer }, 'job dispatcher lock lost with its connection; taking it again');
          return;
        }
      }
    }
    // Stopping: keep what was dispatched, so a restart does not enqueue it again.
    await this.saveCheckpoint(lock).catch((error: unknown) =>
      this.logger.warn({ consumer: this.consumer, ...errorContext(error) }, 'job dispatcher could not save its checkpoint on stop'),
    );
  }

  private followContext(lock: ConsumerLock): FollowContext {
    return {
      consumer: this.consumer,
      eventStore: this.options.eventStore,
      queues: this.options.queues,
      routes: this.options.routes,
      screen: this.options.screen,
      logger: this.logger,
      clock: this.options.clock ?? systemClock,
      backoff: this.backoff,
      enqueueTimeoutMs: this.options.enqueueTimeoutMs ?? 5_000,
      batchSize: this.options.batchSize ?? 200,
      minBatchIntervalMs: this.options.minBatchIntervalMs ?? DEFAULT_MIN_BATCH_INTERVAL_MS,
      signal: this.signal,
      onRetry: (error) => {
        this.enqueueFailures += 1;
        this.lastError = errorContext(error).err.message;
      },
      onDispatched: (jobCount) => {
        this.jobsEnqueued += jobCount;
        this.lastError = null;
        this.progressEvents.emit('progress');
      },
      saveCheckpoint: () => this.saveCheckpoint(lock),
    };
  }

  /**
   * Saves the dispatched position with one statement on the lock's own connection: the jobs it
   * covers live in the queue backend, so there is nothing in the database to commit it with.
   */
  private async saveCheckpoint(lock: ConsumerLock): Promise<void> {
    if (this.progress.unsavedEvents === 0) return;
    const { position } = this.progress;
    await this.checkpoints.save(this.consumer, DISPATCHER_CHECKPOINT_VERSION, position, lock.queryRunner);
    this.progress.unsavedEvents = 0;
  }

  private async recordFailure(error: unknown, failures: number, message: string): Promise<void> {
    this.lastError = errorContext(error).err.message;
    const retryInMs = backoffDelayMs(this.backoff, failures);
    this.logger.error({ consumer: this.consumer, failures, retryInMs, ...errorContext(error) }, message);
    await sleep(retryInMs, this.signal);
  }
}
