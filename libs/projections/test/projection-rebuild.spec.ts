// Rebuilds against the real PostgreSQL: same result as incremental, fresh tables swapped in
// atomically on a version bump or on request, resumable after an interruption.
import { ProjectionRunner, projectionConsumer, CheckpointStore, ProjectionLocked, rebuildProjection, rebuildProjectionByName, UnknownProjection } from '@lib/projections';
import { accountBalancesProjection, AccountBalancesOptions } from './account-balances.projection';
import { appendMovements, entryCounts, expectedBalances, gate, movementCount, openProjectionTestEnv, ProjectionTestEnv, readBalances, readLog } from './projection-test-kit';

const FAST_TIMING = { lockRetryMs: 50, idlePollMs: 200, minBackoffMs: 20, maxBackoffMs: 200 };
const WAIT_MS = 30_000;

describe('projection rebuilds', () => {
  let env: ProjectionTestEnv;
  const runners: ProjectionRunner[] = [];

  function runner(options: AccountBalancesOptions = {}): ProjectionRunner {
    const created = new ProjectionRunner({ dataSource: env.dataSource, eventStore: env.eventStore, projections: [accountBalancesProjection(options)], batchSize: 50, ...FAST_TIMING });
    runners.push(created);
    return created;
  }

  function deps(options: AccountBalancesOptions = {}): Parameters<typeof rebuildProjectionByName>[1] {
    return { dataSource: env.dataSource, eventStore: env.eventStore, projections: [accountBalancesProjection(options)], batchSize: 50, pollMs: 20 };
  }

  async function entriesByEvent(): Promise<Array<{ event_id: string; account: string; amount_minor: string }>> {
    return env.dataSource.query('SELECT event_id, account, amount_minor::text AS amount_minor FROM account_entries ORDER BY event_id');
  }

  async function schemaNames(): Promise<string[]> {
    const rows: Array<{ name: string }> = await env.dataSource.query(
      `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname LIKE 'account\\_%' ORDER BY relname`,
    );
    return rows.map((row) => row.name);
  }

  async function rebuildSchemaContents(): Promise<string[]> {
    const rows: Array<{ name: string }> = await env.dataSource.query("SELECT relname AS name FROM pg_class WHERE relnamespace = 'projection_rebuild'::regnamespace");
    return rows.map((row) => row.name);
  }

  async function checkpoint(): Promise<{ version: number } | null> {
    return new CheckpointStore(env.dataSource).load(projectionConsumer('account-balances'));
  }

  beforeEach(async () => {
    env = await openProjectionTestEnv('proj_rebuild');
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await env.close();
  });

  it('rebuildByName_WhenNoRunnerHoldsIt_ThenRebuildsHereToTheIncrementalResult', async () => {
    const namesBefore = await schemaNames();
    const incremental = runner();
    incremental.start();
    for (let round = 0; round < 4; round += 1) {
      const head = await appendMovements(env.eventStore, 90, 5, `round${round}`);
      expect(await incremental.waitForPosition(head, WAIT_MS)).toBe(true);
    }
    await incremental.stop();
    const incrementalBalances = await readBalances(env.dataSource);
    const incrementalEntries = await entriesByEvent();

    const result = await rebuildProjectionByName('account-balances', deps());

    const log = await readLog(env.eventStore);
    expect(result).toMatchObject({ projection: 'account-balances', version: 1, rebuiltBy: 'here', eventsReplayed: log.length, position: log[log.length - 1].position });
    expect(await readBalances(env.dataSource)).toEqual(incrementalBalances);
    expect(await entriesByEvent()).toEqual(incrementalEntries);
    expect(incrementalBalances).toEqual(expectedBalances(log));
    // Same indexes, constraints and identity sequence names as the migration made, no leftovers.
    expect(await schemaNames()).toEqual(namesBefore);
    expect(await rebuildSchemaContents()).toEqual([]);
    await env.dataSource.query("INSERT INTO account_entries (event_id, account, amount_minor) VALUES (gen_random_uuid(), 'x', 1)");
  });

  it('versionBump_WhenStarted_ThenReplaysIntoFreshTablesWhileReadersKeepTheOldOnes', async () => {
    await appendMovements(env.eventStore, 260);
    await rebuildProjection({ dataSource: env.dataSource, eventStore: env.eventStore }, accountBalancesProjection({ version: 1 }));
    // Tamper with the live table so the test can tell old tables from rebuilt ones.
    await env.dataSource.query('UPDATE account_balances SET balance_minor = -1');
    const oldTables = await readBalances(env.dataSource);

    const midRebuild = gate();
    const inspected = gate();
    let rebuildBatches = 0;
    const bumped = runner({
      version: 2,
      onBatch: async (_events, context) => {
        if (!context.rebuilding || ++rebuildBatches !== 3) return;
        midRebuild.open();
        await inspected.promise;
      },
    });
    bumped.start();
    await midRebuild.promise;

    // Two rebuild batches are committed in the fresh tables; readers still see the old tables.
    expect(await readBalances(env.dataSource)).toEqual(oldTables);
    expect((await readBalances(env.dataSource, 'projection_rebuild.account_balances')).length).toBeGreaterThan(0);
    expect((await bumped.status())[0]).toMatchObject({ rebuilding: true, checkpointVersion: 1 });
    inspected.open();

    const head = await appendMovements(env.eventStore, 10, 2, 'after');
    expect(await bumped.waitForPosition(head, WAIT_MS)).toBe(true);
    const log = await readLog(env.eventStore);
    expect(await readBalances(env.dataSource)).toEqual(expectedBalances(log));
    expect(await entryCounts(env.dataSource)).toEqual({ entries: movementCount(log), distinctEvents: movementCount(log) });
    expect(await checkpoint()).toMatchObject({ version: 2 });
    expect(await rebuildSchemaContents()).toEqual([]);
  });

  it('rebuildByName_WhenARunnerHoldsIt_ThenThatRunnerRebuildsOnRequest', async () => {
    const running = runner();
    running.start();
    const head = await appendMovements(env.eventStore, 120);
    expect(await running.waitForPosition(head, WAIT_MS)).toBe(true);
    await env.dataSource.query('DELETE FROM account_entries');

    await expect(rebuildProjection({ dataSource: env.dataSource, eventStore: env.eventStore }, accountBalancesProjection())).rejects.toBeInstanceOf(ProjectionLocked);
    const result = await rebuildProjectionByName('account-balances', deps());

    expect(result).toMatchObject({ rebuiltBy: 'runner', version: 1, eventsReplayed: null });
    const log = await readLog(env.eventStore);
    expect(await entryCounts(env.dataSource)).toEqual({ entries: movementCount(log), distinctEvents: movementCount(log) });
    expect((await running.status())[0]).toMatchObject({ running: true, rebuildRequested: false });
  });

  it('rebuild_WhenStoppedMidway_ThenResumesFromItsProgressInsteadOfStartingOver', async () => {
    await appendMovements(env.eventStore, 400);
    const midRebuild = gate();
    let batches = 0;
    const interrupted = runner({
      onBatch: async () => {
        if (++batches === 4) {
          midRebuild.open();
          // Let stop() be requested while this batch's transaction is still open.
          await new Promise((resolve) => setImmediate(resolve));
        }
      },
    });
    interrupted.start();
    await midRebuild.promise;
    await interrupted.stop();
    expect(await checkpoint()).toBeNull();

    const result = await rebuildProjectionByName('account-balances', deps());

    const log = await readLog(env.eventStore);
    expect(result.eventsReplayed).toBe(log.length - 4 * 50);
    expect(await readBalances(env.dataSource)).toEqual(expectedBalances(log));
    expect(await entryCounts(env.dataSource)).toEqual({ entries: movementCount(log), distinctEvents: movementCount(log) });
  });

  it('rebuildByName_WhenNameUnknown_ThenUnknownProjection', async () => {
    await expect(rebuildProjectionByName('balances-typo', deps())).rejects.toBeInstanceOf(UnknownProjection);
  });
});
