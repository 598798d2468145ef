// Each benchmark works in its own database on the machine's PostgreSQL (createTestDatabase from
// test/support, so it is named and dropped like a test suite's), migrated like the app migrates.
// The database is dropped when the benchmark ends, fails, or is interrupted (Ctrl-C).
// The server is shared with other engineers' test runs and can run out of connection slots for a
// while, so setting up and tearing down wait for a slot instead of failing (or leaking a database).
import { Pool } from 'pg';
import type { MigrationInterface } from 'typeorm';
import { createTestDatabase, runMigrations, TestDatabase } from '@test/support';

type MigrationClass = new () => MigrationInterface;

/** too_many_connections, cannot_connect_now: the server is full or starting, not broken. */
const RETRYABLE_SQLSTATES = new Set(['53300', '57P03']);
const SERVER_FULL_PATIENCE_MS = 3 * 60_000;
const SERVER_FULL_RETRY_MS = 1_000;

function isServerFull(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}

/** Runs `work`, again after a pause while the server has no connection slot free (up to 3 min). */
export async function whenServerHasRoom<T>(what: string, work: () => Promise<T>): Promise<T> {
  const deadlineMs = Date.now() + SERVER_FULL_PATIENCE_MS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isServerFull(error) || Date.now() > deadlineMs) throw error;
      if (attempt === 1) process.stderr.write(`  PostgreSQL has no connection slot free (${what}); waiting…\n`);
      await new Promise((resolve) => setTimeout(resolve, SERVER_FULL_RETRY_MS));
    }
  }
}

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
  const database = await whenServerHasRoom('creating the database', () => createTestDatabase(`bench_${tag}`));
  openDatabases.add(database);
  const drop = async (): Promise<void> => {
    await whenServerHasRoom(`dropping ${database.name}`, () => database.drop());
    openDatabases.delete(database);
  };
  try {
    if (migrations.length > 0) await whenServerHasRoom('migrating', () => runMigrations(database.url, migrations));
  } catch (error) {
    await drop();
    throw error;
  }
  return { name: database.name, url: database.url, drop };
}

/**
 * A pool like every system under comparison gets: same size, all its connections opened before
 * anything is measured and kept while idle (a connection opened inside a measured slice would be
 * noise, or fail when the shared server is full), idle errors logged instead of crashing.
 */
export async function openBenchPool(url: string, size: number): Promise<Pool> {
  const pool = new Pool({ connectionString: url, max: size, idleTimeoutMillis: 0 });
  pool.on('error', (error) => process.stderr.write(`benchmark pool: idle connection failed: ${error.message}\n`));
  try {
    const clients = [];
    for (let i = 0; i < size; i += 1) clients.push(await whenServerHasRoom('opening the pool', () => pool.connect()));
    for (const client of clients) client.release();
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

/**
 * Refreshes planner statistics and the visibility map. The machine's server runs with autovacuum
 * off, so without this a freshly filled table keeps the statistics of an empty one.
 */
export async function vacuumAnalyze(pool: Pool, tables: readonly string[]): Promise<void> {
  for (const table of tables) await pool.query(`VACUUM (ANALYZE) ${table}`);
}
