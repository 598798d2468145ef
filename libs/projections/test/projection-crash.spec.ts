// The crash test of DESIGN §3.4: a real child process runs the projection, is SIGKILLed while a
// batch's transaction is open, and a new runner must end with every event's effect exactly once.
import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';
import { createInterface } from 'readline';
import { parsePosition } from '@lib/event-store';
import { CheckpointStore, ProjectionRunner, projectionConsumer, rebuildProjection } from '@lib/projections';
import { accountBalancesProjection } from './account-balances.projection';
import type { CrashBatchReport } from './crash-runner.fixture';
import { appendMovements, entryCounts, expectedBalances, movementCount, openProjectionTestEnv, ProjectionTestEnv, readBalances, readLog } from './projection-test-kit';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = join(__dirname, 'crash-runner.fixture.ts');
const BATCH_SIZE = 25;
const HANG_AT_BATCH = 4;
const WAIT_MS = 30_000;

/** Starts the fixture and resolves with its first report (batch HANG_AT_BATCH, transaction open). */
function runUntilHung(databaseUrl: string, version: number): { child: ChildProcess; hung: Promise<CrashBatchReport> } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', FIXTURE], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      CRASH_DATABASE_URL: databaseUrl,
      CRASH_HANG_AT_BATCH: String(HANG_AT_BATCH),
      CRASH_PROJECTION_VERSION: String(version),
      CRASH_BATCH_SIZE: String(BATCH_SIZE),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const hung = new Promise<CrashBatchReport>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as CrashBatchReport));
    child.once('exit', (code, signal) => reject(new Error(`fixture exited (${code ?? signal}) before hanging: ${stderr}`)));
  });
  return { child, hung };
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('projection crash safety', () => {
  let env: ProjectionTestEnv;
  let runner: ProjectionRunner | undefined;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    env = await openProjectionTestEnv('proj_crash');
  });

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) await killed(child);
    await runner?.stop();
    await env.close();
  });

  async function expectExactlyOnce(): Promise<void> {
    const log = await readLog(env.eventStore);
    expect(await readBalances(env.dataSource)).toEqual(expectedBalances(log));
    expect(await entryCounts(env.dataSource)).toEqual({ entries: movementCount(log), distinctEvents: movementCount(log) });
  }

  it('sigkill_WhenBatchTransactionOpen_ThenNewRunnerAppliesEveryEventExactlyOnce', async () => {
    await appendMovements(env.eventStore, 40, 5, 'built');
    await rebuildProjection({ dataSource: env.dataSource, eventStore: env.eventStore }, accountBalancesProjection());
    await appendMovements(env.eventStore, 300);
    const checkpoints = new CheckpointStore(env.dataSource);

    const crashing = runUntilHung(env.database.url, 1);
    child = crashing.child;
    const report = await crashing.hung;
    await killed(child);

    // The killed batch left no trace: the tables reflect exactly the committed checkpoint.
    expect(report).toMatchObject({ batch: HANG_AT_BATCH, rebuilding: false, size: BATCH_SIZE });
    const committed = (await checkpoints.load(projectionConsumer('account-balances')))!.position;
    expect(committed).not.toEqual(parsePosition(report.last));
    expect(await readBalances(env.dataSource)).toEqual(expectedBalances(await readLog(env.eventStore, committed)));
    expect((await readLog(env.eventStore, committed)).length).toBe(40 + (HANG_AT_BATCH - 1) * BATCH_SIZE);

    runner = new ProjectionRunner({ dataSource: env.dataSource, eventStore: env.eventStore, projections: [accountBalancesProjection()], batchSize: BATCH_SIZE, lockRetryMs: 50 });
    runner.start();
    const head = await appendMovements(env.eventStore, 30, 3, 'after');
    expect(await runner.waitForPosition(head, WAIT_MS)).toBe(true);
    await expectExactlyOnce();
  });

  it('sigkill_WhenRebuildingAfterVersionBump_ThenNewRunnerResumesAndSwapsExactlyOnce', async () => {
    await appendMovements(env.eventStore, 250);
    await rebuildProjection({ dataSource: env.dataSource, eventStore: env.eventStore }, accountBalancesProjection({ version: 1 }));
    const liveBeforeBump = await readBalances(env.dataSource);

    const crashing = runUntilHung(env.database.url, 2);
    child = crashing.child;
    const report = await crashing.hung;
    await killed(child);

    expect(report).toMatchObject({ batch: HANG_AT_BATCH, rebuilding: true });
    // Readers still have the complete version-1 tables; the fresh copy holds the committed batches.
    expect(await readBalances(env.dataSource)).toEqual(liveBeforeBump);
    const rebuildProgress = await new CheckpointStore(env.dataSource).load('projection:account-balances:rebuild');
    expect(rebuildProgress).toMatchObject({ version: 2 });
    expect((await readLog(env.eventStore, rebuildProgress!.position)).length).toBe((HANG_AT_BATCH - 1) * BATCH_SIZE);

    let replayedAfterCrash = 0;
    const resumed = accountBalancesProjection({ version: 2, onBatch: (events, context) => void (context.rebuilding && (replayedAfterCrash += events.length)) });
    runner = new ProjectionRunner({ dataSource: env.dataSource, eventStore: env.eventStore, projections: [resumed], batchSize: BATCH_SIZE, lockRetryMs: 50 });
    runner.start();
    const logBeforeBump = await readLog(env.eventStore);
    expect(await runner.waitForPosition(logBeforeBump[logBeforeBump.length - 1].position, WAIT_MS)).toBe(true);

    // Resumed from its checkpointed progress: only the events the crash left unreplayed.
    expect(replayedAfterCrash).toBe(250 - (HANG_AT_BATCH - 1) * BATCH_SIZE);
    expect((await runner.status())[0]).toMatchObject({ checkpointVersion: 2 });
    const head = await appendMovements(env.eventStore, 20, 2, 'after');
    expect(await runner.waitForPosition(head, WAIT_MS)).toBe(true);
    await expectExactlyOnce();
  });
});
