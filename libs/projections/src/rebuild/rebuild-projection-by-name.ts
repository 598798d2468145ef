// The `projections:rebuild <name>` command's entry point. Rebuilds here when no runner holds the
// projection; otherwise asks the runner that holds it (through its checkpoint row) and waits for
// its swap, since a second process must never write the projection's tables concurrently.
import { ConsumerLock } from '../lock/consumer-lock';
import { sleep } from '../log-wait';
import { assertProjectionSet, Projection, projectionConsumer } from '../projection';
import { ProjectionDeps, resolveProjectionDeps } from '../projection-deps';
import { RebuildTimedOut, UnknownProjection } from '../projections.errors';
import { rebuildWithLock, RebuildResult } from './rebuild-projection';

export interface RebuildByNameDeps extends ProjectionDeps {
  /** Every projection of the app; the name is looked up among them. */
  projections: readonly Projection[];
  /** How long to wait for a running runner to finish the rebuild (default 10 minutes). */
  waitTimeoutMs?: number;
  /** How often to look at the checkpoint while waiting (default 500 ms). */
  pollMs?: number;
}

export interface RebuildByNameResult extends Omit<RebuildResult, 'eventsReplayed'> {
  /** `here`: this process replayed the log; `runner`: the process holding the lock did. */
  rebuiltBy: 'here' | 'runner';
  /** Events replayed, when rebuilt here. */
  eventsReplayed: number | null;
}

const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_POLL_MS = 500;

export async function rebuildProjectionByName(name: string, deps: RebuildByNameDeps): Promise<RebuildByNameResult> {
  assertProjectionSet(deps.projections);
  const projection = deps.projections.find((p) => p.name === name);
  if (!projection) throw new UnknownProjection(name, deps.projections.map((p) => p.name));
  const resolved = resolveProjectionDeps(deps);
  const consumer = projectionConsumer(name);

  const lock = await ConsumerLock.tryAcquire(resolved.dataSource, consumer);
  if (lock !== null) {
    try {
      const result = await rebuildWithLock(lock, projection, resolved);
      if (result === null) throw new Error(`Rebuild of ${name} stopped before completion`);
      return { ...result, rebuiltBy: 'here' };
    } finally {
      await lock.release();
    }
  }

  const requestedAt = Date.now();
  await resolved.checkpoints.requestRebuild(consumer);
  resolved.logger.info({ projection: name }, 'projection is running elsewhere; rebuild requested from its runner');
  const waitTimeoutMs = deps.waitTimeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  const pollMs = deps.pollMs ?? DEFAULT_POLL_MS;
  for (;;) {
    const checkpoint = await resolved.checkpoints.load(consumer);
    // A missing checkpoint means the runner is doing its first full build, which satisfies the request.
    if (checkpoint !== null && checkpoint.rebuildRequestedAt === null && checkpoint.version === projection.version) {
      return { projection: name, version: checkpoint.version, position: checkpoint.position, rebuiltBy: 'runner', eventsReplayed: null };
    }
    if (Date.now() - requestedAt >= waitTimeoutMs) throw new RebuildTimedOut(name, waitTimeoutMs);
    await sleep(pollMs);
  }
}
