// A benchmark database holding a large log, ready for catch-up readers: migrated, filled by the
// SQL loader, vacuumed and analysed (autovacuum is off on this server), and fully readable.
import type { Pool } from 'pg';
import type { MigrationInterface } from 'typeorm';
import { BenchDatabase, openBenchDatabase, openBenchPool, vacuumAnalyze } from './bench-database';
import type { BenchContext } from './benchmark';
import { formatNumber } from './bench-result';
import { LOAD_CHUNK_EVENTS, loadLog, waitUntilLogReadable } from './log-loader';

export interface BenchLog {
  readonly database: BenchDatabase;
  readonly events: number;
  readonly streams: number;
}

export async function openBenchLog(tag: string, migrations: ReadonlyArray<new () => MigrationInterface>, context: BenchContext): Promise<BenchLog> {
  const { config } = context;
  const database = await openBenchDatabase(tag, migrations);
  let pool: Pool | null = null;
  try {
    pool = await openBenchPool(database.url, 1);
    context.print(`  loading ${formatNumber(config.events)} events over ${formatNumber(config.streams)} streams (SQL, ${LOAD_CHUNK_EVENTS} per transaction)…`);
    const loaded = await loadLog(pool, config.events, config.streams, (done) => context.print(`    ${formatNumber(done)} loaded`));
    context.print(`  loaded at ${formatNumber(loaded.eventsPerSecond)} events/s; VACUUM ANALYZE…`);
    await vacuumAnalyze(pool, ['events']);
    await waitUntilLogReadable(pool, (waitedMs) => context.print(`  waiting ${(waitedMs / 1_000).toFixed(0)} s for an older transaction elsewhere on the server to end…`));
    const { rows } = await pool.query<{ size: string }>("SELECT pg_size_pretty(pg_total_relation_size('events')) AS size");
    context.note(`log: ${formatNumber(loaded.events)} events over ${formatNumber(loaded.streams)} streams, interleaved; events table ${rows[0].size} with indexes`);
    return { database, events: loaded.events, streams: loaded.streams };
  } catch (error) {
    // The pool first: dropping the database would cut its connection from under it.
    await pool?.end();
    pool = null;
    await database.drop();
    throw error;
  } finally {
    await pool?.end();
  }
}
