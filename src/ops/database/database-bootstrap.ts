// Makes the app database usable: creates it when missing (DESIGN §5), then applies every pending
// TypeORM migration of the libraries and contexts (src/ops/database/migrations.ts).
import { Client } from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { postgresBootError } from '../bootstrap/service-probe';
import { appMigrations, MigrationClass } from './migrations';

const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';
/** Arbitrary constant: the advisory-lock key under which one process at a time migrates. */
const MIGRATION_LOCK_KEY = 7_262_001;

function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw postgresBootError(url, error);
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Returns true when it created the database. */
export async function ensureDatabaseExists(databaseUrl: string): Promise<boolean> {
  const name = databaseName(databaseUrl);
  const serverUrl = new URL(databaseUrl);
  serverUrl.pathname = '/postgres';
  return withClient(serverUrl.toString(), async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount !== 0) return false;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      return true;
    } catch (error) {
      // Another replica booting at the same moment created it first: that is the wanted outcome.
      const code = (error as { code?: string }).code;
      if (code === DUPLICATE_DATABASE || code === UNIQUE_VIOLATION) return false;
      throw error;
    }
  });
}

/** Applies pending migrations, each in its own transaction; returns the names applied. */
export async function runAppMigrations(
  databaseUrl: string,
  migrations: readonly MigrationClass[] = appMigrations,
): Promise<string[]> {
  // Why the lock: TypeORM does not serialise concurrent runners, and replicas boot together.
  return withClient(databaseUrl, async (lockClient) => {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const dataSource = new DataSource({ type: 'postgres', url: databaseUrl, migrations: [...migrations], synchronize: false, logging: false });
    try {
      await dataSource.initialize();
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  });
}

export async function prepareDatabase(databaseUrl: string, logger: Logger): Promise<void> {
  if (await ensureDatabaseExists(databaseUrl)) logger.info({ database: databaseName(databaseUrl) }, 'created the database');
  const applied = await runAppMigrations(databaseUrl);
  logger.info({ applied }, applied.length === 0 ? 'database schema is up to date' : `applied ${applied.length} migration(s)`);
}
