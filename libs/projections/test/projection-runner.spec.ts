// The projection runner against the real PostgreSQL: batches with their checkpoint, live follow,
// read-your-writes, single-active runners, failures retried without loss or doubling.
import { DataSource } from 'typeorm';
import { CheckpointStore, ConsumerLock, ProjectionRunner, ProjectionRunnerOptions, projectionConsumer, ProjectionsLogger, rebuildProjection } from '@lib/projections';
import { accountBalancesProjection, AccountBalancesOptions } from './account-balances.projection';
import { appendMovements, appendRenames, entryCounts, expectedBalances, movementCount, openProjectionTestEnv, ProjectionTestEnv, readBalances, readLog } from './projection-test-kit';

const FAST_TIMING = { lockRetryMs: 50, idlePollMs: 200, minBackoffMs: 20, maxBackoffMs: 200 };
const WAIT_MS = 30_000;

function recordingLogger(): ProjectionsLogger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (_context, message) => errors.push(message) };
}

describe('ProjectionRunner', () => {
  let env: ProjectionTestEnv;
  const runners: ProjectionRunner[] = [];

  function runner(options: AccountBalancesOptions = {}, overrides: Partial<ProjectionRunnerOptions> = {}): ProjectionRunner {
    const created = new ProjectionRunner({
      dataSource: env.dataSource,
      eventStore: env.eventStore,
      projections: [accountBalancesProjection(options)],
      batchSize: 100,
      ...FAST_TIMING,
      ...overrides,
    });
    runners.push(created);
    return created;
  }

  async function expectExactlyOnce(dataSource: DataSource = env.dataSource): Promise<void> {
    const log = await readLog(env.eventStore);
    expect(await readBalances(dataSource)).toEqual(expectedBalances(log));
    expect(await entryCounts(dataSource)).toEqual({ entries: movementCount(log), distinctEvents: movementCount(log) });
  }

  beforeEach(async () => {
    env = await openProjectionTestEnv('proj_runner');
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await env.close();
  });

  it('start_WhenLogHasEvents_ThenBuildsThenFollowsLiveAppends', async () => {
    await appendMovements(env.eventStore, 650);
    const projections = runner();
    projections.start();

    const head = await appendMovements(env.eventStore, 40, 3, 'live');
    expect(await projections.waitForPosition(head, WAIT_MS)).toBe(true);
    await expectExactlyOnce();

    const later = await appendMovements(env.eventStore, 5, 2, 'later');
    expect(await projections.waitForPosition(later, WAIT_MS)).toBe(true);
    await expectExactlyOnce();
    const [status] = await projections.status();
    expect(status).toMatchObject({ name: 'account-balances', version: 1, checkpointVersion: 1, position: later, lagEvents: 0, running: true, lastError: null });
  });

  it('follow_WhenIdleWithPollingEffectivelyOff_ThenTheLogSubscriptionWakesIt', async () => {
    const projections = runner({}, { idlePollMs: 600_000 });
    projections.start();
    const first = await appendMovements(env.eventStore, 3, 1, 'wake');
    expect(await projections.waitForPosition(first, WAIT_MS)).toBe(true);

    const second = await appendMovements(env.eventStore, 2, 1, 'wake-again');
    expect(await projections.waitForPosition(second, WAIT_MS)).toBe(true);
    await expectExactlyOnce();
  });

  it('follow_WhenAppendsFollowABatchClosely_ThenTheyWaitForTheNextPacedBatch_AndStopDoesNotWaitForIt', async () => {
    const batchSizes: number[] = [];
    const paced = runner({ onBatch: (events) => void batchSizes.push(events.length) }, { minBatchIntervalMs: 600_000, idlePollMs: 600_000 });
    paced.start();
    const built = await appendMovements(env.eventStore, 3, 1, 'built');
    expect(await paced.waitForPosition(built, WAIT_MS)).toBe(true);
    // The first batch after a quiet spell goes at once; what follows it waits for the interval.
    const first = await appendMovements(env.eventStore, 2, 1, 'first');
    expect(await paced.waitForPosition(first, WAIT_MS)).toBe(true);
    const second = await appendMovements(env.eventStore, 4, 1, 'second');
    expect(await paced.waitForPosition(second, 300)).toBe(false);
    await paced.stop();
    expect(batchSizes.reduce((sum, size) => sum + size, 0)).toBe(5);

    const unpaced = runner();
    unpaced.start();
    expect(await unpaced.waitForPosition(second, WAIT_MS)).toBe(true);
    await expectExactlyOnce();
  });

  it('apply_WhenLogIsLong_ThenEveryTransactionHoldsAtMostBatchSizeEvents', async () => {
    await rebuildProjection({ dataSource: env.dataSource, eventStore: env.eventStore }, accountBalancesProjection());
    const total = 730;
    const head = await appendMovements(env.eventStore, total);
    const batchSizes: number[] = [];
    const projections = runner({ onBatch: (events) => void batchSizes.push(events.length) }, { batchSize: 64 });
    projections.start();

    expect(await projections.waitForPosition(head, WAIT_MS)).toBe(true);
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(64);
    expect(batchSizes.reduce((sum, size) => sum + size, 0)).toBe(total);
    expect(batchSizes.length).toBeGreaterThanOrEqual(Math.ceil(total / 64));
    await expectExactlyOnce();
  });

  it('status_WhenNotStarted_ThenLagCountedUpToItsLimit', async () => {
    await appendMovements(env.eventStore, 30);
    const idle = runner({}, { lagCountLimit: 25 });

    const [status] = await idle.status();
    expect(status).toMatchObject({ checkpointVersion: null, position: null, lagEvents: 25, lagCapped: true, running: false });
  });

  it('waitForPosition_WhenAnotherInstanceRunsTheProjection_ThenSeesItsCheckpoint', async () => {
    const worker = runner();
    const apiOnly = runner();
    worker.start();
    const head = await appendMovements(env.eventStore, 20);

    expect(await apiOnly.waitForPosition(head, WAIT_MS, ['account-balances'])).toBe(true);
    const beyond = { commit: head.commit + 1_000_000n, prepare: head.prepare };
    expect(await apiOnly.waitForPosition(beyond, 100)).toBe(false);
    await expect(apiOnly.waitForPosition(head, 100, ['no-such-projection'])).rejects.toThrow('Unknown projection');
  });

  it('eventTypes_WhenBatchesHoldNoFoldedEvent_ThenTheyArePassedOverYetEveryMovementIsFoldedOnceAndProgressRecorded', async () => {
    const applied: string[][] = [];
    const worker = runner({ declareEventTypes: true, onBatch: (events) => void applied.push(events.map((event) => event.type)) });
    const apiOnly = runner({ declareEventTypes: true });
    worker.start();
    const built = await appendMovements(env.eventStore, 12);
    expect(await worker.waitForPosition(built, WAIT_MS)).toBe(true);
    applied.length = 0;

    // Only renames: no batch to apply, yet this process sees the read model at their head at once,
    // and the checkpoint (what other processes see) gets there once the log is quiet.
    const renamed = await appendRenames(env.eventStore, 30);
    expect(await worker.waitForPosition(renamed, WAIT_MS)).toBe(true);
    expect(applied).toEqual([]);
    expect(await apiOnly.waitForPosition(renamed, WAIT_MS)).toBe(true);
    const checkpoint = await new CheckpointStore(env.dataSource).load(projectionConsumer('account-balances'));
    expect(checkpoint?.position).toEqual(renamed);

    // Mixed: every applied batch holds a movement, and each movement is folded exactly once.
    await appendRenames(env.eventStore, 10, 'r2');
    const head = await appendMovements(env.eventStore, 40, 3, 'mixed');
    await appendRenames(env.eventStore, 10, 'r3');
    expect(await worker.waitForPosition(head, WAIT_MS)).toBe(true);
    for (const types of applied) expect(types.some((type) => type === 'Deposited' || type === 'Withdrawn')).toBe(true);
    await expectExactlyOnce();
    const [status] = await worker.status();
    expect(status.lastError).toBeNull();
  });

  it('start_WhenTwoRunnersShareTheProjection_ThenOnlyOneAppliesUntilItStops', async () => {
    const seenBy: string[] = [];
    const replicaB = await new DataSource({ type: 'postgres', url: env.database.url, poolSize: 3 }).initialize();
    try {
      const a = runner({ onBatch: () => void seenBy.push('a') });
      const b = runner({ onBatch: () => void seenBy.push('b') }, { dataSource: replicaB });
      a.start();
      b.start();
      const head = await appendMovements(env.eventStore, 300);
      expect(await a.waitForPosition(head, WAIT_MS)).toBe(true);

      const running = (await Promise.all([a.status(), b.status()])).map(([status]) => status.running);
      expect(running.filter(Boolean)).toHaveLength(1);
      expect(new Set(seenBy).size).toBe(1);
      const [active, standby, standbyName] = running[0] ? [a, b, 'b'] : [b, a, 'a'];

      await active.stop();
      const more = await appendMovements(env.eventStore, 50, 3, 'failover');
      expect(await standby.waitForPosition(more, WAIT_MS)).toBe(true);
      expect(seenBy[seenBy.length - 1]).toBe(standbyName);
      await expectExactlyOnce();
    } finally {
      await Promise.all(runners.splice(0).map((r) => r.stop()));
      await replicaB.destroy();
    }
  });

  it('apply_WhenItFails_ThenLogsBacksOffAndRetriesTheSameBatchWithoutSkipping', async () => {
    const logger = recordingLogger();
    let failuresLeft = 3;
    const projections = runner(
      {
        onBatch: (events, context) => {
          // Fails mid-batch after writing: the transaction's partial writes must vanish.
          if (!context.rebuilding && events.some((e) => e.type === 'Deposited') && failuresLeft > 0) {
            failuresLeft -= 1;
            throw new Error('database unavailable');
          }
        },
      },
      { logger },
    );
    await rebuildProjection({ dataSource: env.dataSource, eventStore: env.eventStore }, accountBalancesProjection());
    projections.start();
    const head = await appendMovements(env.eventStore, 120);

    expect(await projections.waitForPosition(head, WAIT_MS)).toBe(true);
    expect(failuresLeft).toBe(0);
    expect(logger.errors.filter((m) => m.includes('retrying the same batch'))).toHaveLength(3);
    await expectExactlyOnce();
    expect((await projections.status())[0].lastError).toBeNull();
  });

  it('connection_WhenKilledUnderTheRunner_ThenRetakesTheLockAndLosesNothing', async () => {
    let killed = false;
    const projections = runner({
      onBatch: async (_events, context) => {
        if (context.rebuilding || killed) return;
        killed = true;
        // The server ends this session (as on a failover): open transaction and lock both go.
        const admin = await new DataSource({ type: 'postgres', url: env.database.url, poolSize: 1 }).initialize();
        const [{ pid }] = await context.query<{ pid: number }>('SELECT pg_backend_pid() AS pid').then((r) => r.rows);
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        await admin.destroy();
      },
    });
    await rebuildProjection({ dataSource: env.dataSource, eventStore: env.eventStore }, accountBalancesProjection());
    projections.start();
    const head = await appendMovements(env.eventStore, 250);

    expect(await projections.waitForPosition(head, WAIT_MS)).toBe(true);
    expect(killed).toBe(true);
    await expectExactlyOnce();
    expect((await projections.status())[0].running).toBe(true);
  });

  it('start_WhenCheckpointWrittenByNewerVersion_ThenStandsByWithoutTouchingTables', async () => {
    await rebuildProjection({ dataSource: env.dataSource, eventStore: env.eventStore }, accountBalancesProjection({ version: 2 }));
    const before = await readBalances(env.dataSource);
    const older = runner({ version: 1 });
    older.start();
    await appendMovements(env.eventStore, 10);

    // Wait until the old code has looked at the checkpoint and stood down.
    for (let tries = 0; (await older.status())[0].lastError === null && tries < 300; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await older.status())[0].lastError).toContain('newer version 2');
    expect(await readBalances(env.dataSource)).toEqual(before);
    const lock = await ConsumerLock.acquire(env.dataSource, projectionConsumer('account-balances'), { retryMs: 20 });
    expect(lock).not.toBeNull();
    await lock!.release();
  });
});
