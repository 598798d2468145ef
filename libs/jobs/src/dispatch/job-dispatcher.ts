// The event-log → job dispatcher (DESIGN §3.5): a checkpointed consumer of the whole log that turns
// routed events into BullMQ jobs whose ids derive from the event id. Its checkpoint advances only
// after the jobs were accepted, and a re-add of an accepted job is deduplicated by BullMQ, so an
// outage of the queue backend delays side effects but never loses or doubles them. It runs
// single-active with its own checkpoint (CheckpointedConsumer, libs/projections).
import type { DataSource } from 'typeorm';
import type { EventStore, LogPosition } from '@lib/event-store';
import { Clock, systemClock } from '@lib/kernel';
import { CheckpointedConsumer, ConsumerLock } from '@lib/projections';
import type { JobQueues } from '../job-queues';
import type { JobRoutes } from '../job-routes';
import { errorContext, JobsLogger, silentJobsLogger } from '../jobs-logger';
import { BackoffPolicy, backoffDelayMs, DEFAULT_DISPATCH_BACKOFF } from '../retry-backoff';
import type { JobScreen } from './enqueue-event-jobs';
import { FollowContext, followLogIntoQueues } from './follow-log';

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

export class JobDispatcher extends CheckpointedConsumer {
  private readonly backoff: BackoffPolicy;
  private jobsEnqueued = 0;
  private enqueueFailures = 0;

  constructor(private readonly options: JobDispatcherOptions) {
    const backoff = { ...DEFAULT_DISPATCH_BACKOFF, ...options.backoff };
    super({
      consumer: dispatcherConsumer(options.name ?? 'dispatcher'),
      checkpointVersion: DISPATCHER_CHECKPOINT_VERSION,
      dataSource: options.dataSource,
      logger: options.logger ?? silentJobsLogger,
      label: 'job dispatcher',
      retryDelayMs: (failures) => backoffDelayMs(backoff, failures),
      lockRetryMs: options.lockRetryMs,
    });
    this.backoff = backoff;
  }

  status(): JobDispatcherStatus {
    return {
      consumer: this.consumer,
      running: this.running,
      dispatchedPosition: this.progress.position,
      jobsEnqueued: this.jobsEnqueued,
      enqueueFailures: this.enqueueFailures,
      lastError: this.lastError,
    };
  }

  /** True once the jobs of every event up to `position` were accepted by this process; false on timeout. */
  waitUntilDispatched(position: LogPosition, timeoutMs: number): Promise<boolean> {
    return this.waitUntilHandled(position, timeoutMs);
  }

  protected follow(lock: ConsumerLock): Promise<void> {
    return followLogIntoQueues(this.followContext(lock), this.progress);
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
      onDispatched: (position, events, jobCount) => {
        this.jobsEnqueued += jobCount;
        this.lastError = null;
        this.handled(position, events);
      },
      // Jobs live in the queue backend: nothing in the database to commit the position with.
      saveCheckpoint: () => this.save(lock),
    };
  }
}
