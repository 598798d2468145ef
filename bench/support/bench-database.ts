// Each benchmark works in its own database on the machine's PostgreSQL (createTestDatabase from
// test/support, so it is named and dropped like a test suite's), migrated like the app migrates.
// The database is dropped when the benchmark ends, fails, or is interrupted (Ctrl-C).
import { Pool } from 'pg';
import type { MigrationInterface } from 'typeorm';
import { createTestDatabase, runMigrations, TestDatabase } from '@test/support';

type MigrationClass = new () => MigrationInterface;

const openDatabases = new Set<TestDatabase>();
let interruptHandlersInstalled = false;

/** On SIGINT/SIGTERM, drop what is still open, then exit (a benchmark leaves nothing behind). */
function installInterruptHandlers(): void {
  if (interruptHandlersInstalled) return;
  interruptHandlersInstalled = true;
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: dropping ${openDatabases.size} benchmark database(s)\n`);
    // DROP … WITH (FORCE) ends this process's own connections to them first.
    void Promise.allSettled([...openDatabases].map((database) => database.drop())).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

export async function openBenchDatabase(tag: string, migrations: readonly MigrationClass[]): Promise<BenchDatabase> {
  installInterruptHandlers();
  const database = await createTestDatabase(`bench_${tag}`);
  openDatabases.add(database);
  try {
    if (migrations.length > 0) await runMigrations(database.url, migrations);
  } catch (error) {
    openDatabases.delete(database);
    await database.drop();
    throw error;
  }
  return {
    name: database.name,
    url: database.url,
    drop: async () => {
      openDatabases.delete(database);
      await database.drop();
    },
  };
}

/**
 * A pool like every system under comparison gets: same size, connections kept while idle (a
 * reconnection inside a measured round would be noise), idle errors logged instead of crashing.
 */
export function openBenchPool(url: string, size: number): Pool {
  const pool = new Pool({ connectionString: url, max: size, idleTimeoutMillis: 0 });
  pool.on('error', (error) => process.stderr.write(`benchmark pool: idle connection failed: ${error.message}\n`));
  return pool;
}

/**
 * Refreshes planner statistics and the visibility map. The machine's server runs with autovacuum
 * off, so without this a freshly filled table keeps the statistics of an empty one.
 */
export async function vacuumAnalyze(pool: Pool, tables: readonly string[]): Promise<void> {
  for (const table of tables) await pool.query(`VACUUM (ANALYZE) ${table}`);
}
