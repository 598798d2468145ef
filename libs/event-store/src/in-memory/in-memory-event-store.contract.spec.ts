// Runs the shared EventStore contract suite against the in-memory adapter.
import { eventStoreContract } from '../contract';
import { InMemoryEventStore } from './in-memory-event-store';

eventStoreContract('InMemoryEventStore', {
  createStore: async () => new InMemoryEventStore(),
  createStoreWithUpcast: async (upcast) => new InMemoryEventStore({ upcast }),
});
