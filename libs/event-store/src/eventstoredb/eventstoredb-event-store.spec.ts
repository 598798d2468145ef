// The EventStoreDB adapter without a server (none can run on build machines): an unreachable
// server must surface as a failure, never be mistaken for a missing stream or a conflict.
import { createServer } from 'net';
import { randomUUID } from 'crypto';
import { StreamNotFound, WrongExpectedRevision } from '../event-store.errors';
import type { NewEvent } from '../event-store.port';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/** A local port nothing listens on: bound by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('No TCP port was bound');
  return address.port;
}

const event: NewEvent = {
  eventId: randomUUID(),
  type: 'SiteRegistered',
  data: { code: 'KAM' },
  metadata: { actorKeyId: 'k', actorRole: 'operator', companyId: null, correlationId: 'c', causationId: null, occurredAt: '2026-01-01T00:00:00.000Z' },
};

describe('EventStoreDbEventStore without a server', () => {
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    store = EventStoreDbEventStore.connect(`esdb://127.0.0.1:${await closedPort()}?tls=false`);
  });

  afterEach(async () => {
    await store.close();
  });

  it('appendAndReads_WhenTheServerIsUnreachable_ThenRejectWithTheConnectionFailureNotAPortError', async () => {
    const failures = await Promise.all([
      store.append('site-1', [event], 'no_stream').catch((error: unknown) => error),
      store.readStream('site-1').catch((error: unknown) => error),
      store.readAll(null, 10).catch((error: unknown) => error),
    ]);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(Error);
      expect(failure).not.toBeInstanceOf(StreamNotFound);
      expect(failure).not.toBeInstanceOf(WrongExpectedRevision);
    }
  });

  it('subscribe_WhenTheServerIsUnreachable_ThenTheIterationFails', async () => {
    const iteration = (async () => {
      for await (const received of store.subscribe(null)) return received;
      return null;
    })();
    await expect(iteration).rejects.toBeInstanceOf(Error);
  });

  it('close_WhenCalled_ThenLaterCallsRejectAndSubscriptionsYieldNothing', async () => {
    await store.close();
    await expect(store.append('site-1', [event], 'no_stream')).rejects.toThrow('closed');
    await expect(store.readAll(null, 1)).rejects.toThrow('closed');
    const delivered: string[] = [];
    for await (const received of store.subscribe(null)) delivered.push(received.eventId);
    expect(delivered).toEqual([]);
  });
});
