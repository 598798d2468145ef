// Runs a set of projections in this process (DESIGN §3.4) and answers, from any process, how far
// they have got: status for /ready and metrics, waitForPosition for read-your-writes `?minPosition=`.
import { EventEmitter } from 'events';
import { hasReached, LogPosition } from '@lib/event-store';
import { sleep } from './log-wait';
import { assertProjectionSet, Projection, projectionConsumer } from './projection';
import { ProjectionDeps, ResolvedProjectionDeps, resolveProjectionDeps } from './projection-deps';
import { ProjectionWorker, ProjectionWorkerTiming } from './projection-worker';
import { UnknownProjection } from './projections.errors';

export interface ProjectionRunnerOptions extends ProjectionDeps, Partial<ProjectionWorkerTiming> {
  projections: readonly Projection[];
  /** Most events `status()` reads to count a projection's lag (default 1,000). */
  lagCountLimit?: number;
}

export interface ProjectionStatus {
  name: string;
  /** Version of the code in this process. */
  version: number;
  /** Version that wrote the checkpoint (null: never built). */
  checkpointVersion: number | null;
  /** Last log position reflected in the live tables. */
  position: LogPosition | null;
  /** Events in the log after `position`, counted up to `lagCountLimit`. */
  lagEvents: number;
  /** True when the lag is larger than `lagEvents` says (the count stopped at its limit). */
  lagCapped: boolean;
  /** This process holds the projection's lock and is applying events. */
  running: boolean;
  rebuilding: boolean;
  rebuildRequested: boolean;
  /** Last failure of this process's worker, cleared by the next success. */
  lastError: string | null;
}

const DEFAULT_TIMING: ProjectionWorkerTiming = { lockRetryMs: 1_000, minBatchIntervalMs: 50, idlePollMs: 2_000, minBackoffMs: 100, maxBackoffMs: 10_000 };
const DEFAULT_LAG_COUNT_LIMIT = 1_000;
/** How often `waitForPosition` looks at checkpoints advanced by other processes. */
const CHECKPOINT_POLL_MS = 50;
const MAX_WAIT_MS = 60_000;

export class ProjectionRunner {
  private readonly deps: ResolvedProjectionDeps;
  private readonly timing: ProjectionWorkerTiming;
  private readonly lagCountLimit: number;
  private readonly progress = new EventEmitter();
  private workers = new Map<string, ProjectionWorker>();

  constructor(private readonly options: ProjectionRunnerOptions) {
    assertProjectionSet(options.projections);
    this.deps = resolveProjectionDeps(options);
    this.timing = {
      lockRetryMs: options.lockRetryMs ?? DEFAULT_TIMING.lockRetryMs,
      minBatchIntervalMs: options.minBatchIntervalMs ?? DEFAULT_TIMING.minBatchIntervalMs,
      idlePollMs: options.idlePollMs ?? DEFAULT_TIMING.idlePollMs,
      minBackoffMs: options.minBackoffMs ?? DEFAULT_TIMING.minBackoffMs,
      maxBackoffMs: options.maxBackoffMs ?? DEFAULT_TIMING.maxBackoffMs,
    };
    this.lagCountLimit = options.lagCountLimit ?? DEFAULT_LAG_COUNT_LIMIT;
    // Every concurrent `waitForPosition` listens; their number is bounded by the HTTP layer.
    this.progress.setMaxListeners(0);
  }

  get projections(): readonly Projection[] {
    return this.options.projections;
  }

  /** Starts one worker per projection; each runs where it gets the lock. Idempotent. */
  start(): void {
    if (this.workers.size > 0) return;
    for (const projection of this.options.projections) {
      const worker = new ProjectionWorker(projection, this.deps, this.timing);
      worker.progress.on('progress', () => this.progress.emit('progress'));
      this.workers.set(projection.name, worker);
      worker.start();
    }
  }

  /** Lets in-flight transactions finish, releases every lock. `start()` may be called again. */
  async stop(): Promise<void> {
    const workers = [...this.workers.values()];
    this.workers = new Map();
    await Promise.all(workers.map((worker) => worker.stop()));
  }

  async status(): Promise<ProjectionStatus[]> {
    return Promise.all(this.options.projections.map((projection) => this.statusOf(projection)));
  }

  /**
   * Waits until every named projection (default: all) has applied the event at `position`, for
   * at most `timeoutMs` (capped at 60 s). True when reached; false on timeout. Works in processes
   * that do not run the projections themselves (it reads their checkpoints).
   */
  async waitForPosition(position: LogPosition, timeoutMs: number, names?: readonly string[]): Promise<boolean> {
    const targets = this.select(names);
    const deadline = Date.now() + Math.min(Math.max(timeoutMs, 0), MAX_WAIT_MS);
    for (;;) {
      const positions = await Promise.all(targets.map((p) => this.reflectedPosition(p)));
      if (positions.every((committed) => hasReached(committed, position))) return true;
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) return false;
      await this.nextProgress(Math.min(remainingMs, CHECKPOINT_POLL_MS));
    }
  }

  private select(names: readonly string[] | undefined): Projection[] {
    if (names === undefined) return [...this.options.projections];
    return names.map((name) => {
      const projection = this.options.projections.find((p) => p.name === name);
      if (!projection) throw new UnknownProjection(name, this.options.projections.map((p) => p.name));
      return projection;
    });
  }

  private async committedPosition(projection: Projection): Promise<LogPosition | null> {
    const checkpoint = await this.deps.checkpoints.load(projectionConsumer(projection.name));
    return checkpoint?.version === projection.version ? checkpoint.position : null;
  }

  /**
   * How far the projection's read model reflects the log: its checkpoint, or further when it runs
   * here and has passed over events it does not fold since it last recorded its progress.
   */
  private async reflectedPosition(projection: Projection): Promise<LogPosition | null> {
    const committed = await this.committedPosition(projection);
    const here = this.workers.get(projection.name)?.reflectedPosition;
    if (here === undefined || here === null) return committed;
    return hasReached(committed, here) ? committed : here;
  }

  private nextProgress(maxWaitMs: number): Promise<void> {
    const woken = new AbortController();
    const wake = (): void => woken.abort();
    this.progress.once('progress', wake);
    return sleep(maxWaitMs, woken.signal).finally(() => this.progress.off('progress', wake));
  }

  private async statusOf(projection: Projection): Promise<ProjectionStatus> {
    const checkpoint = await this.deps.checkpoints.load(projectionConsumer(projection.name));
    // Running here, it may have passed over events beyond its checkpoint (see reflectedPosition).
    const here = this.workers.get(projection.name)?.reflectedPosition;
    const saved = checkpoint?.position ?? null;
    const position = here !== undefined && here !== null && !hasReached(saved, here) ? here : saved;
    // Bounded: counting the whole backlog of a far-behind projection would cost as much as replaying it.
    const ahead = await this.deps.eventStore.readAll(position, this.lagCountLimit + 1);
    const state = this.workers.get(projection.name)?.state ?? { running: false, rebuilding: false, lastError: null };
    return {
      name: projection.name,
      version: projection.version,
      checkpointVersion: checkpoint?.version ?? null,
      position,
      lagEvents: Math.min(ahead.length, this.lagCountLimit),
      lagCapped: ahead.length > this.lagCountLimit,
      running: state.running,
      rebuilding: state.rebuilding,
      rebuildRequested: checkpoint?.rebuildRequestedAt != null,
      lastError: state.lastError,
    };
  }
}
