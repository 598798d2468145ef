export { PostgresEventStore, MAX_READ_LIMIT, LISTENER_APPLICATION_NAME } from './postgres-event-store';
export type { PostgresEventStoreOptions } from './postgres-event-store';
export type { EventStoreLogger } from './event-store-logger';
export { eventStoreMigrations, EVENTS_APPENDED_CHANNEL } from './postgres-schema';
export { CreateEventStore1767225600000 } from './create-event-store.migration';
export { MAX_EVENTS_PER_APPEND } from './append-statements';
