// Runs one projection: takes its lock (standing by while another replica holds it), rebuilds when
// its version changed or a rebuild was requested, then applies the log in bounded batches, each in
// ONE transaction with its checkpoint. On any failure it logs, backs off and retries the same
// batch: nothing is skipped, nothing applied twice.
import { EventEmitter } from 'events';
import { performance } from 'perf_hooks';
import { comparePositions, LogPosition, RecordedEvent } from '@lib/event-store';
import type { Checkpoint } from './checkpoints/checkpoint-store';
import { ConsumerLock } from './lock/consumer-lock';
import { sleep, waitForLogAfter } from './log-wait';
import { Projection, projectionConsumer } from './projection';
import { createProjectionContext } from './projection-context';
import type { ResolvedProjectionDeps } from './projection-deps';
import { describeError } from './projections-logger';
import { rebuildWithLock } from './rebuild/rebuild-projection';

export interface ProjectionWorkerTiming {
  /** Pause between attempts to take a lock another replica holds. */
  lockRetryMs: number;
  /**
   * Least time between the starts of two batches that were not full (a backlog is read at full
   * speed). Why: under a steady stream of appends each wake-up would apply a handful of events in
   * a transaction of its own (read, lock the checkpoint, write, save, commit); pacing gathers the
   * events of this interval into one batch. The first event after a quiet spell is applied at once.
   */
  minBatchIntervalMs: number;
  /** Longest idle wait before looking at the log (and at rebuild requests) again. */
  idlePollMs: number;
  /** First back-off after a failure; doubles up to `maxBackoffMs`. */
  minBackoffMs: number;
  maxBackoffMs: number;
}

/**
 * What the worker does with the lock it holds after reading its checkpoint. Following, `position`
 * is how far the read model reflects the log and `saved` what its checkpoint row says: they differ
 * while events the projection does not fold have been passed over but not yet recorded.
 */
type FollowPlan = { kind: 'follow'; position: LogPosition | null; saved: LogPosition | null };
type Plan = { kind: 'rebuild' } | FollowPlan | { kind: 'yield'; storedVersion: number };

/**
 * Longest time progress over events a projection does not fold stays unrecorded under a steady
 * stream of them (other processes waiting on the checkpoint see it that much later; this one sees
 * it at once). Recorded at once when the log goes quiet.
 */
const PASSED_OVER_SAVE_INTERVAL_MS = 250;

function samePosition(a: LogPosition | null, b: LogPosition | null): boolean {
  if (a === null || b === null) return a === b;
  return comparePositions(a, b) === 0;
}

export class ProjectionWorker {
  /** Emits 'progress' with the committed position after each batch or swap. */
  readonly progress = new EventEmitter();
  private readonly stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private holdsLock = false;
  private rebuilding = false;
  private failures = 0;
  private lastError: string | null = null;
  /** When the last batch that was not full started (performance.now()); -Infinity: none yet. */
  private lastPartialBatchMs = Number.NEGATIVE_INFINITY;
  /** When the checkpoint was last moved (performance.now()). */
  private lastSaveMs = Number.NEGATIVE_INFINITY;
  /** Event types the projection folds (null: all); batches without any of them need no transaction. */
  private readonly folded: ReadonlySet<string> | null;
  /** How far the read model reflects the log while this worker holds the lock; null otherwise. */
  private reflected: { position: LogPosition | null } | null = null;

  constructor(
    readonly projection: Projection,
    private readonly deps: ResolvedProjectionDeps,
    private readonly timing: ProjectionWorkerTiming,
  ) {
    this.folded = projection.eventTypes === undefined ? null : new Set(projection.eventTypes);
  }

  /**
   * The position the read model reflects, known in this process while the worker runs (it may be
   * ahead of the checkpoint row by events the projection does not fold); undefined when not running.
   */
  get reflectedPosition(): LogPosition | null | undefined {
    return this.reflected === null ? undefined : this.reflected.position;
  }

  get state(): { running: boolean; rebuilding: boolean; lastError: string | null } {
    return { running: this.holdsLock, rebuilding: this.rebuilding, lastError: this.lastError };
  }

  start(): void {
    if (this.loop === null) this.loop = this.run();
  }

  /** Finishes the transaction in flight, releases the lock and resolves. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private get signal(): AbortSignal {
    return this.stopping.signal;
  }

  private get log(): { projection: string; version: number } {
    return { projection: this.projection.name, version: this.projection.version };
  }

  private async run(): Promise<void> {
    const consumer = projectionConsumer(this.projection.name);
    while (!this.signal.aborted) {
      let lock: ConsumerLock | null;
      try {
        lock = await ConsumerLock.acquire(this.deps.dataSource, consumer, { retryMs: this.timing.lockRetryMs, signal: this.signal });
      } catch (error) {
        await this.recordFailure(error, 'projection lock unavailable');
        continue;
      }
      if (lock === null) return;
      this.holdsLock = true;
      this.deps.logger.info(this.log, 'projection lock taken');
      let outcome: 'stopped' | 'lost' | 'yield';
      try {
        outcome = await this.consumeWhileHeld(lock);
      } finally {
        this.holdsLock = false;
        this.rebuilding = false;
        this.reflected = null;
        await lock.release();
      }
      // A newer deployment owns this projection: stand by without the lock so its replica can take it.
      if (outcome === 'yield') await sleep(this.timing.idlePollMs, this.signal);
    }
  }

  private async consumeWhileHeld(lock: ConsumerLock): Promise<'stopped' | 'lost' | 'yield'> {
    let plan: Plan | null = null;
    while (!this.signal.aborted) {
      try {
        plan = plan ?? this.planFrom(await this.deps.checkpoints.load(projectionConsumer(this.projection.name), lock.queryRunner));
        if (plan.kind === 'yield') {
          this.lastError = `checkpoint written by newer version ${plan.storedVersion}`;
          this.deps.logger.warn({ ...this.log, storedVersion: plan.storedVersion }, 'projection checkpoint is newer than this code; standing by');
          return 'yield';
        }
        plan = await this.execute(plan, lock);
        this.failures = 0;
        this.lastError = null;
      } catch (error) {
        // Where it stuck, so a projection bug that throws on one recorded fact can be found.
        const after = plan?.kind === 'follow' && plan.position !== null ? `${plan.position.commit}-${plan.position.prepare}` : null;
        plan = null;
        await this.recordFailure(error, 'projection batch failed; retrying the same batch', { after });
        if (!(await lock.isHeld())) {
          this.deps.logger.warn(this.log, 'projection lock lost with its connection; taking it again');
          return 'lost';
        }
      }
    }
    return 'stopped';
  }

  private planFrom(checkpoint: Checkpoint | null): Plan {
    if (checkpoint === null) return { kind: 'rebuild' };
    if (checkpoint.version > this.projection.version) return { kind: 'yield', storedVersion: checkpoint.version };
    if (checkpoint.version !== this.projection.version || checkpoint.rebuildRequestedAt !== null) return { kind: 'rebuild' };
    return { kind: 'follow', position: checkpoint.position, saved: checkpoint.position };
  }

  /** Does one unit of work and says what comes next (null: read the checkpoint again). */
  private async execute(plan: Plan, lock: ConsumerLock): Promise<Plan | null> {
    switch (plan.kind) {
      case 'yield':
        return plan;
      case 'rebuild': {
        this.rebuilding = true;
        const result = await rebuildWithLock(lock, this.projection, this.deps, this.signal).finally(() => {
          this.rebuilding = false;
        });
        if (result === null) return null;
        this.reached(result.position);
        return { kind: 'follow', position: result.position, saved: result.position };
      }
      case 'follow':
        return this.follow(plan, lock);
      default: {
        const unexpected: never = plan;
        throw new Error(`Unknown plan ${JSON.stringify(unexpected)}`);
      }
    }
  }

  private async follow(plan: FollowPlan, lock: ConsumerLock): Promise<Plan | null> {
    const paceMs = this.lastPartialBatchMs + this.timing.minBatchIntervalMs - performance.now();
    if (paceMs > 0) await sleep(paceMs, this.signal);
    if (this.signal.aborted) return null;
    const startedMs = performance.now();
    // A follower's read: served from the process's shared tail of the log when it is that far.
    const batch = await this.deps.eventStore.readAllFollowing(plan.position, this.deps.batchSize);
    if (batch.length === 0) {
      // Caught up: record passed-over progress before idling, so other processes see it too.
      if (!samePosition(plan.saved, plan.position) && !(await this.recordPassedOver(plan, lock))) return null;
      const failure = await waitForLogAfter(this.deps.eventStore, plan.position, this.timing.idlePollMs, this.signal);
      if (failure !== null) this.deps.logger.warn({ ...this.log, ...describeError(failure) }, 'log subscription failed; polling');
      // Re-read the checkpoint after idling so rebuild requests are noticed.
      return null;
    }
    this.lastPartialBatchMs = batch.length < this.deps.batchSize ? startedMs : Number.NEGATIVE_INFINITY;
    const last = batch[batch.length - 1].position;
    if (!this.folds(batch)) {
      const passed: FollowPlan = { kind: 'follow', position: last, saved: plan.saved };
      if (performance.now() - this.lastSaveMs >= PASSED_OVER_SAVE_INTERVAL_MS && !(await this.recordPassedOver(passed, lock))) return null;
      this.reached(last);
      return passed;
    }
    const applied = await this.applyBatch(batch, plan.saved, lock);
    if (applied === null) return null;
    this.reached(applied);
    return { kind: 'follow', position: applied, saved: applied };
  }

  /** True when the batch holds an event the projection folds (always, without `eventTypes`). */
  private folds(batch: readonly RecordedEvent[]): boolean {
    const folded = this.folded;
    return folded === null || batch.some((event) => folded.has(event.type));
  }

  /**
   * Moves the checkpoint over events the projection does not fold: one statement, no transaction
   * (nothing else to commit with it). Mutates `plan.saved`; false when the checkpoint moved under us.
   */
  private async recordPassedOver(plan: FollowPlan, lock: ConsumerLock): Promise<boolean> {
    if (plan.position === null) return true;
    const moved = await this.deps.checkpoints.advance(projectionConsumer(this.projection.name), this.projection.version, plan.saved, plan.position, lock.queryRunner);
    if (!moved) return false;
    plan.saved = plan.position;
    this.lastSaveMs = performance.now();
    return true;
  }

  /**
   * Applies one batch and moves the checkpoint from `saved` past it, in ONE transaction; null when
   * the checkpoint is no longer at `saved` (a rebuild request or another writer: re-plan).
   */
  private async applyBatch(batch: RecordedEvent[], saved: LogPosition | null, lock: ConsumerLock): Promise<LogPosition | null> {
    const consumer = projectionConsumer(this.projection.name);
    const last = batch[batch.length - 1].position;
    const context = createProjectionContext(this.projection, lock.queryRunner, false);
    const applied = await lock.transaction(async (manager) => {
      // Compare-and-set first: it also row-locks the checkpoint, so nobody moves it before we commit.
      if (!(await this.deps.checkpoints.advance(consumer, this.projection.version, saved, last, manager))) return null;
      await this.projection.apply(batch, context);
      return last;
    });
    if (applied !== null) this.lastSaveMs = performance.now();
    return applied;
  }

  /** The read model reflects the log up to `position`: tell this process's waiters. */
  private reached(position: LogPosition | null): void {
    this.reflected = { position };
    this.progress.emit('progress', position);
  }

  private async recordFailure(error: unknown, message: string, context: object = {}): Promise<void> {
    this.failures += 1;
    this.lastError = describeError(error).err.message;
    this.deps.logger.error({ ...this.log, ...context, failures: this.failures, ...describeError(error) }, message);
    // Exponential back-off with jitter, so replicas hitting the same outage do not retry in step.
    const exponent = Math.min(this.failures - 1, 20);
    const backoffMs = Math.min(this.timing.maxBackoffMs, this.timing.minBackoffMs * 2 ** exponent);
    await sleep(backoffMs * (0.75 + Math.random() * 0.5), this.signal);
  }
}
