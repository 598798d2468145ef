// Builds the EventStore adapter chosen by EVENT_STORE (DESIGN §3.3).
import { EventStore, EventStoreDbEventStore, InMemoryEventStore, PostgresEventStore } from '@lib/event-store';
import type { Logger } from 'pino';
import type { AppRuntime } from '../bootstrap/app-runtime';
import { BootError } from '../bootstrap/boot-error';

/** The store's own pool: appends and catch-up reads must not queue behind read-model queries. */
const EVENT_STORE_POOL_SIZE = 10;

export function createEventStore(runtime: AppRuntime, logger: Logger): EventStore {
  const kind = runtime.config.eventStore;
  const storeLogger = logger.child({ component: 'event-store' });
  switch (kind) {
    case 'postgres':
      return new PostgresEventStore(runtime.databaseUrl, { poolSize: EVENT_STORE_POOL_SIZE, logger: storeLogger });
    case 'memory':
      // For demos only: the log is lost on restart while read models in PostgreSQL stay.
      storeLogger.warn('EVENT_STORE=memory: events live in this process only and are lost on restart');
      return new InMemoryEventStore();
    case 'eventstoredb':
      if (runtime.config.eventStoreUrl === null) throw new BootError('EVENT_STORE=eventstoredb needs EVENTSTORE_URL');
      return EventStoreDbEventStore.connect(runtime.config.eventStoreUrl);
    default: {
      const unknown: never = kind;
      throw new BootError(`Unknown EVENT_STORE ${String(unknown)}`);
    }
  }
}
