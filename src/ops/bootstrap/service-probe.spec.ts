import { createServer, Server } from 'net';
import { eventStoreDbAddress, isListening, probeEventStoreDb } from './service-probe';

describe('service probes', () => {
  it('eventStoreDbAddress_WhenConnectionStrings_ThenFirstHostAndPort', () => {
    expect(eventStoreDbAddress('esdb://127.0.0.1:2113?tls=false')).toEqual({ host: '127.0.0.1', port: 2113 });
    expect(eventStoreDbAddress('esdb+discover://admin:changeit@node1:2114,node2:2114')).toEqual({ host: 'node1', port: 2114 });
    expect(eventStoreDbAddress('esdb://eventstore?tls=false')).toEqual({ host: 'eventstore', port: 2113 });
    expect(eventStoreDbAddress('http://127.0.0.1:2113')).toBeNull();
  });

  it('probes_WhenSomethingListensOrNot_ThenTellTheDifference', async () => {
    const server: Server = createServer();
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    try {
      expect(await isListening('127.0.0.1', port)).toBe(true);
      await expect(probeEventStoreDb(`esdb://127.0.0.1:${port}?tls=false`)).resolves.toEqual({ host: '127.0.0.1', port });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await isListening('127.0.0.1', port)).toBe(false);
    await expect(probeEventStoreDb(`esdb://127.0.0.1:${port}?tls=false`)).rejects.toThrow(
      `EventStoreDB is not reachable at 127.0.0.1:${port}: start it (e.g. docker compose up -d eventstore) or set EVENT_STORE=postgres`,
    );
  });
});
