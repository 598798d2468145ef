// Runs the shared EventStore contract suite against the PostgreSQL adapter, on its own database.
import type { TestDatabase } from '@test/support';
import { eventStoreContract } from '../contract';
import { createEventStoreDatabase, holdAppend } from './postgres-event-store.fixtures';
import { PostgresEventStore } from './postgres-event-store';

let database: TestDatabase | null = null;

function databaseUrl(): string {
  if (database === null) throw new Error('The contract database is created in beforeAll');
  return database.url;
}

beforeAll(async () => {
  database = await createEventStoreDatabase('pg_contract');
});

eventStoreContract('PostgresEventStore', {
  // A short poll keeps the late-commit case quick: that commit is not announced by NOTIFY.
  createStore: async () => new PostgresEventStore(databaseUrl(), { poolSize: 4, pollIntervalMs: 50 }),
  createStoreWithUpcast: async (upcast) => new PostgresEventStore(databaseUrl(), { poolSize: 2, pollIntervalMs: 50, upcast }),

  // The adapter's own append statement, on a connection whose transaction stays open.
  beginSlowAppend: (streamId, events) => holdAppend(databaseUrl(), streamId, events),

  teardown: async () => {
    await database?.drop();
  },
});
