// The event store the projection tests run on: the PostgreSQL adapter, in the test's own database.
import { EventStore, eventStoreMigrations, PostgresEventStore } from '@lib/event-store';

export const eventStoreMigrationsForTests = eventStoreMigrations;

export function createTestEventStore(url: string): EventStore {
  // A short poll interval only matters if a notification is missed; LISTEN/NOTIFY wakes readers first.
  return new PostgresEventStore(url, { poolSize: 4, pollIntervalMs: 100 });
}
