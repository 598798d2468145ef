// Child process of the crash test (projection-crash.spec.ts): runs the account-balances
// projection and, from batch CRASH_HANG_AT_BATCH on, reports each batch on stdout while its
// transaction is still open and then hangs, so the parent can SIGKILL it mid-transaction.
import { DataSource } from 'typeorm';
import { ProjectionRunner } from '@lib/projections';
import { accountBalancesProjection } from './account-balances.projection';
import { createTestEventStore } from './test-event-store';

export interface CrashBatchReport {
  batch: number;
  rebuilding: boolean;
  size: number;
  /** Last position of the batch, "commit-prepare". */
  last: string;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const url = requiredEnv('CRASH_DATABASE_URL');
  const hangAtBatch = Number(requiredEnv('CRASH_HANG_AT_BATCH'));
  const dataSource = await new DataSource({ type: 'postgres', url, poolSize: 3 }).initialize();
  const eventStore = createTestEventStore(url);
  let batch = 0;
  const projection = accountBalancesProjection({
    version: Number(requiredEnv('CRASH_PROJECTION_VERSION')),
    onBatch: async (events, context) => {
      batch += 1;
      if (batch < hangAtBatch) return;
      const last = events[events.length - 1].position;
      const report: CrashBatchReport = { batch, rebuilding: context.rebuilding, size: events.length, last: `${last.commit}-${last.prepare}` };
      process.stdout.write(`${JSON.stringify(report)}\n`);
      // Holds the transaction open (its writes done, its checkpoint not yet saved) until killed.
      await new Promise(() => undefined);
    },
  });
  const runner = new ProjectionRunner({
    dataSource,
    eventStore,
    projections: [projection],
    batchSize: Number(requiredEnv('CRASH_BATCH_SIZE')),
    lockRetryMs: 50,
    idlePollMs: 200,
  });
  runner.start();
}

main().catch((error: unknown) => {
  process.stderr.write(`crash fixture failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
