// Contract case for the adapters' `upcast` option: every read path returns the latest schema.
import type { EventStore, RecordedEvent } from '../event-store.port';
import { UpcasterRegistry } from '../upcasting';
import { contractMetadata, freshStreamId } from './contract-events';
import type { ContractContext } from './contract-context';
import { markLogHead, readOwnEvents, SubscriptionProbe } from './contract-reading';
import { randomUUID } from 'crypto';

const TYPE = 'ContractQuantityRecorded';

/** Version 1 stored `kg`; version 2 calls it `quantityKg`. */
const registry = new UpcasterRegistry([
  { type: TYPE, fromVersion: 1, toVersion: 2, upcast: (data) => ({ quantityKg: (data as { kg: number }).kg }) },
]);

export function upcastCases<TStore extends EventStore>(context: ContractContext<TStore>): void {
  const { createStoreWithUpcast } = context.factory;
  if (!createStoreWithUpcast) return;

  describe('upcasting on read', () => {
    it('readStreamReadAllAndSubscribe_WhenAnUpcastIsConfigured_ThenReturnOldEventsAtTheLatestVersion', async () => {
      const store = await createStoreWithUpcast.call(context.factory, registry.asEventUpcast);
      try {
        const marker = await markLogHead(store);
        const streamId = freshStreamId();
        const old = { eventId: randomUUID(), type: TYPE, schemaVersion: 1, data: { kg: 2500 }, metadata: contractMetadata() };
        const current = { eventId: randomUUID(), type: TYPE, schemaVersion: 2, data: { quantityKg: 40 }, metadata: contractMetadata() };
        await store.append(streamId, [old, current], 'no_stream');

        const fromStream = await store.readStream(streamId);
        const fromLog = (await readOwnEvents(store, marker, new Set([streamId]), 2)).events;
        const probe = new SubscriptionProbe(store, marker, new Set([streamId]));
        await probe.waitForCount(2);
        await probe.stop();

        const shape = (events: RecordedEvent[]): unknown[] => events.map(({ eventId, schemaVersion, data }) => ({ eventId, schemaVersion, data }));
        const expected = [
          { eventId: old.eventId, schemaVersion: 2, data: { quantityKg: 2500 } },
          { eventId: current.eventId, schemaVersion: 2, data: { quantityKg: 40 } },
        ];
        expect(shape(fromStream)).toEqual(expected);
        expect(shape(fromLog)).toEqual(expected);
        expect(shape(probe.received)).toEqual(expected);
        // Reading twice upcasts from the stored version again: history itself was not rewritten.
        expect(shape(await store.readStream(streamId))).toEqual(expected);
      } finally {
        await store.close();
      }
    });
  });
}
