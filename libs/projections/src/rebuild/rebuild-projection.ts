// Rebuilds a projection from position 0 into fresh tables, then swaps them in with its checkpoint
// in one transaction (DESIGN §3.4). Replay progress is checkpointed too, so a rebuild that crashes
// resumes where it stopped instead of starting over, and readers keep the old tables meanwhile.
import type { LogPosition } from '@lib/event-store';
import { ConsumerLock } from '../lock/consumer-lock';
import { assertProjectionDefinition, Projection, projectionConsumer, rebuildConsumer } from '../projection';
import { createProjectionContext } from '../projection-context';
import { ProjectionDeps, ResolvedProjectionDeps, resolveProjectionDeps } from '../projection-deps';
import { ProjectionLocked } from '../projections.errors';
import { REBUILD_SCHEMA } from './create-rebuild-schema.migration';
import { createFreshTables, freshTableExists, swapFreshTables } from './fresh-tables';

/**
 * How long the swap waits for readers' locks on the live tables before giving up (it is then
 * retried): without a bound, one long report query would queue every other reader behind the swap.
 */
const SWAP_LOCK_TIMEOUT = '5s';

export interface RebuildResult {
  projection: string;
  version: number;
  /** Log position the swapped-in tables reflect (null: the log was empty). */
  position: LogPosition | null;
  /** Events replayed by this call (a resumed rebuild counts only what it replayed itself). */
  eventsReplayed: number;
}

async function freshTablesExist(lock: ConsumerLock, projection: Projection): Promise<boolean> {
  for (const table of projection.tables) {
    if (!(await freshTableExists(lock.queryRunner, table))) return false;
  }
  return true;
}

/** Where an earlier rebuild of this same version stopped, or null to start from fresh tables. */
async function resumablePosition(lock: ConsumerLock, projection: Projection, deps: ResolvedProjectionDeps): Promise<{ position: LogPosition | null } | null> {
  const progress = await deps.checkpoints.load(rebuildConsumer(projection.name), lock.queryRunner);
  if (progress === null || progress.version !== projection.version) return null;
  if (!(await freshTablesExist(lock, projection))) return null;
  return { position: progress.position };
}

/**
 * Rebuilds while holding the projection's lock (the runner's path). Resolves null when `signal`
 * stops it midway; the progress is kept and the next call resumes. Throws on infrastructure errors.
 */
export async function rebuildWithLock(
  lock: ConsumerLock,
  projection: Projection,
  deps: ResolvedProjectionDeps,
  signal?: AbortSignal,
): Promise<RebuildResult | null> {
  const scratch = rebuildConsumer(projection.name);
  const resumed = await resumablePosition(lock, projection, deps);
  let position = resumed?.position ?? null;
  if (resumed === null) {
    await lock.transaction(async (manager) => {
      await createFreshTables(lock.queryRunner, projection.tables);
      await deps.checkpoints.save(scratch, projection.version, null, manager);
    });
  }
  deps.logger.info({ projection: projection.name, version: projection.version, resumed: resumed !== null }, 'projection rebuild started');

  const context = createProjectionContext(projection, lock.queryRunner, true);
  let eventsReplayed = 0;
  for (;;) {
    if (signal?.aborted) return null;
    const batch = await deps.eventStore.readAll(position, deps.batchSize);
    if (batch.length > 0) {
      const last = batch[batch.length - 1].position;
      await lock.transaction(async (manager) => {
        // Unqualified names, TypeORM entities included, resolve to the fresh copies first.
        await manager.query(`SELECT set_config('search_path', '${REBUILD_SCHEMA}, ' || current_setting('search_path'), true)`);
        await projection.apply(batch, context);
        await deps.checkpoints.save(scratch, projection.version, last, manager);
      });
      position = last;
      eventsReplayed += batch.length;
    }
    // A short batch means we reached the head; later events are applied incrementally after the swap.
    if (batch.length < deps.batchSize) break;
  }

  const consumer = projectionConsumer(projection.name);
  await lock.transaction(async (manager) => {
    // Row lock: serialises with a concurrent `requestRebuild`, which this swap then satisfies.
    await deps.checkpoints.load(consumer, manager, { forUpdate: true });
    await manager.query(`SET LOCAL lock_timeout = '${SWAP_LOCK_TIMEOUT}'`);
    await swapFreshTables(lock.queryRunner, projection.tables);
    await deps.checkpoints.save(consumer, projection.version, position, manager);
    await deps.checkpoints.clearRebuildRequest(consumer, manager);
    await deps.checkpoints.delete(scratch, manager);
  });
  deps.logger.info({ projection: projection.name, version: projection.version, eventsReplayed }, 'projection rebuilt and swapped in');
  return { projection: projection.name, version: projection.version, position, eventsReplayed };
}

/**
 * Rebuilds `projection` now, in this process. Throws ProjectionLocked when a runner holds it
 * (use `rebuildProjectionByName`, which then asks that runner to do it).
 */
export async function rebuildProjection(deps: ProjectionDeps, projection: Projection): Promise<RebuildResult> {
  assertProjectionDefinition(projection);
  const resolved = resolveProjectionDeps(deps);
  const lock = await ConsumerLock.tryAcquire(resolved.dataSource, projectionConsumer(projection.name));
  if (lock === null) throw new ProjectionLocked(projection.name);
  try {
    const result = await rebuildWithLock(lock, projection, resolved);
    if (result === null) throw new Error(`Rebuild of ${projection.name} stopped before completion`);
    return result;
  } finally {
    await lock.release();
  }
}
