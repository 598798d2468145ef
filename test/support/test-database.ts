// Gives each test suite its own PostgreSQL database on the machine's server, dropped afterwards,
// so suites run in parallel without seeing each other's rows.
import { randomBytes } from 'crypto';
import { Client } from 'pg';

/** Server to create test databases on; the database part of the URL is replaced. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onAdminConnection<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(TEST_SERVER_URL, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates `cobalt_test_<tag>_<random>`; call `drop()` in afterAll. */
export async function createTestDatabase(tag = 'suite'): Promise<TestDatabase> {
  const safeTag = tag.toLowerCase().replace(/[^a-z0-9]/g, '_').slice(0, 20);
  const name = `cobalt_test_${safeTag}_${randomBytes(4).toString('hex')}`;
  await onAdminConnection((client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: withDatabase(TEST_SERVER_URL, name),
    drop: () => onAdminConnection((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
