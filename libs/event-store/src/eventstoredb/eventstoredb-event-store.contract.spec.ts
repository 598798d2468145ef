// Runs the shared EventStore contract suite against a real EventStoreDB (22.6 or later) when
// EVENTSTORE_URL is set, e.g. `EVENTSTORE_URL='esdb://localhost:2113?tls=false'` with the server of
// docker-compose.yml; skipped otherwise. A server cannot be wiped, so every case writes to fresh
// stream ids and only reads what it wrote after a position it recorded (EventStoreContractFactory).
import { eventStoreContract } from '../contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const EVENTSTORE_URL = process.env.EVENTSTORE_URL ?? '';
const describeWithServer = EVENTSTORE_URL === '' ? describe.skip : describe;

describeWithServer('EventStoreDB server at EVENTSTORE_URL', () => {
  eventStoreContract('EventStoreDbEventStore', {
    createStore: async () => EventStoreDbEventStore.connect(EVENTSTORE_URL),
    createStoreWithUpcast: async (upcast) => EventStoreDbEventStore.connect(EVENTSTORE_URL, { upcast }),
    // EventStoreDB checks event ids only within a stream (idempotent appends), not across streams.
    enforcesUniqueEventIds: false,
  });
});
