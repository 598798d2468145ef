// Runs the shared EventStore contract suite against the PostgreSQL adapter, on its own database.
import { createTestDatabase, runMigrations, TestDatabase } from '@test/support';
import { Client } from 'pg';
import { eventStoreContract } from '../contract';
import { appendStatement, prepareAppend, readAppendRows } from './append-statements';
import { PostgresEventStore } from './postgres-event-store';
import { eventStoreMigrations } from './postgres-schema';

let database: TestDatabase | null = null;

function databaseUrl(): string {
  if (database === null) throw new Error('The contract database is created in beforeAll');
  return database.url;
}

beforeAll(async () => {
  database = await createTestDatabase('pg_contract');
  await runMigrations(database.url, eventStoreMigrations);
});

eventStoreContract('PostgresEventStore', {
  // A short poll keeps the late-commit case quick: that commit is not announced by NOTIFY.
  createStore: async () => new PostgresEventStore(databaseUrl(), { poolSize: 4, pollIntervalMs: 50 }),

  // The adapter's own append statement, on a connection whose transaction stays open.
  beginSlowAppend: async (streamId, events) => {
    const client = new Client({ connectionString: databaseUrl() });
    await client.connect();
    await client.query('BEGIN');
    const { rows } = await client.query(appendStatement(prepareAppend(streamId, events, 'no_stream')));
    if (readAppendRows(rows).kind !== 'appended') throw new Error(`slow append to ${streamId} was refused`);
    return {
      commit: async () => {
        try {
          await client.query('COMMIT');
        } finally {
          await client.end();
        }
      },
    };
  },

  teardown: async () => {
    await database?.drop();
  },
});
