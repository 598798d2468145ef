// Rebuilding a simple projection (events per stream) over a 1,000,000-event log with
// libs/projections' rebuildProjection: replay into fresh tables in checkpointed batches, then the
// swap (DESIGN §3.4). Baseline: a readAll pass at the same page size, the most a replay can reach.
// Target: ≥ 50,000 events/s.
import { performance } from 'perf_hooks';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { eventStoreMigrations, PostgresEventStore } from '@lib/event-store';
import { DEFAULT_BATCH_SIZE, projectionsMigrations, rebuildProjection } from '@lib/projections';
import { openBenchPool, whenServerHasRoom } from '../support/bench-database';
import { openBenchLog } from '../support/bench-log';
import { formatTable } from '../support/bench-report';
import { formatNumber, formatRatio } from '../support/bench-result';
import type { Benchmark } from '../support/benchmark';
import { rotated } from '../support/concurrent-writers';
import { median } from '../support/slice-tally';
import { EventStoreReader, readWholeLog } from '../event-store/read-passes';
import { CreateStreamEventCounts1767225609000, STREAM_EVENT_COUNTS_TABLE, streamEventCountsProjection } from './stream-event-counts.projection';

type Pass = 'readAll' | 'rebuild';

/** The lock connection plus one for checks, both opened up front and kept (idle timeout off). */
const DATA_SOURCE_CONNECTIONS = 2;

async function openDataSource(url: string): Promise<DataSource> {
  const dataSource = await whenServerHasRoom('connecting TypeORM', () =>
    new DataSource({ type: 'postgres', url, poolSize: DATA_SOURCE_CONNECTIONS, extra: { idleTimeoutMillis: 0 } }).initialize(),
  );
  try {
    await whenServerHasRoom('opening TypeORM connections', () => Promise.all(Array.from({ length: DATA_SOURCE_CONNECTIONS }, () => dataSource.query('SELECT pg_sleep(0.05)'))));
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** Checks the rebuilt table against the log: one row per stream, counts adding up to the log. */
async function assertCounts(dataSource: DataSource, events: number, streams: number): Promise<void> {
  const [row] = (await dataSource.query(`SELECT count(*)::text AS streams, coalesce(sum(event_count), 0)::text AS events FROM ${STREAM_EVENT_COUNTS_TABLE}`)) as Array<{ streams: string; events: string }>;
  if (Number(row.streams) !== streams || Number(row.events) !== events) {
    throw new Error(`rebuilt ${STREAM_EVENT_COUNTS_TABLE} holds ${row.events} events over ${row.streams} streams, expected ${events} over ${streams}`);
  }
}

export const projectionRebuildBenchmark: Benchmark = {
  name: 'projections.rebuild',
  title: 'rebuildProjection of a per-stream event count, vs a readAll pass at the same page size',
  async run(context) {
    const { config } = context;
    const batchSize = config.rebuildBatchSize ?? DEFAULT_BATCH_SIZE;
    context.print(`${this.title}\n  ${batchSize} events per transaction`);
    const log = await openBenchLog('rebuild', [...eventStoreMigrations, ...projectionsMigrations, CreateStreamEventCounts1767225609000], context);
    let eventStorePool: Pool | null = null;
    let eventStore: PostgresEventStore | null = null;
    let dataSource: DataSource | null = null;
    try {
      eventStorePool = await openBenchPool(log.database.url, 1);
      const store = new PostgresEventStore(eventStorePool);
      eventStore = store;
      const readModels = await openDataSource(log.database.url);
      dataSource = readModels;
      const deps = { dataSource: readModels, eventStore: store, batchSize };
      const passes: Record<Pass, () => Promise<number>> = {
        readAll: async () => {
          const pass = await readWholeLog(new EventStoreReader(store, batchSize));
          if (pass.events !== log.events) throw new Error(`readAll read ${pass.events} events of ${log.events}`);
          return pass.eventsPerSecond;
        },
        rebuild: async () => {
          const startedMs = performance.now();
          const result = await rebuildProjection(deps, streamEventCountsProjection);
          const seconds = (performance.now() - startedMs) / 1_000;
          if (result.eventsReplayed !== log.events) throw new Error(`rebuild replayed ${result.eventsReplayed} events of ${log.events}`);
          await assertCounts(readModels, log.events, log.streams);
          return log.events / seconds;
        },
      };
      // Warm-up: a readAll pass brings the log into the OS cache and prepares the statements.
      await readWholeLog(new EventStoreReader(store, batchSize));
      const rates: Record<Pass, number[]> = { readAll: [], rebuild: [] };
      for (let round = 0; round < config.rebuildRounds; round += 1) {
        for (const pass of rotated(['readAll', 'rebuild'] as const, round)) {
          const rate = await passes[pass]();
          rates[pass].push(rate);
          context.print(`  ${pass.padEnd(7)} round ${round + 1}: ${formatNumber(rate)} events/s (${(log.events / rate).toFixed(1)} s)`);
        }
      }
      const rebuild = median(rates.rebuild);
      const readAll = median(rates.readAll);
      context.print(
        `\n${formatTable(['pass', 'median events/s', 'vs readAll'], [
          [`readAll, limit ${batchSize}`, readAll, '1.00×'],
          [`rebuild, batch ${batchSize}`, rebuild, formatRatio(rebuild / readAll)],
        ])}\n`,
      );
      context.note(`each rebuild replayed every event and its table matched the log (${formatNumber(log.streams)} rows, counts summing to ${formatNumber(log.events)})`);
      return [{ label: `rebuild over ${formatNumber(log.events)} events, batch ${batchSize}`, value: rebuild, unit: 'events/s', target: { kind: 'at-least', value: 50_000 } }];
    } finally {
      await eventStore?.close();
      await eventStorePool?.end();
      await dataSource?.destroy();
      await log.database.drop();
    }
  },
};
