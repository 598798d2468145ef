// What the in-memory adapter adds beyond the shared contract: ordinal positions, the clock and
// upcast options, JSON fidelity with the durable adapters, input checks, and a closed store.
import { FixedClock } from '@lib/kernel';
import { randomUUID } from 'crypto';
import type { EventMetadata, NewEvent } from '../event-store.port';
import { UpcasterRegistry } from '../upcasting';
import { InMemoryEventStore } from './in-memory-event-store';

const metadata: EventMetadata = {
  actorKeyId: 'key-1',
  actorRole: 'operator',
  companyId: null,
  correlationId: 'corr-1',
  causationId: null,
  occurredAt: '2026-03-01T10:00:00.000Z',
};

function event(type: string, data: unknown, schemaVersion?: number): NewEvent {
  return { eventId: randomUUID(), type, data, metadata, schemaVersion };
}

describe('InMemoryEventStore', () => {
  it('append_WhenEventsAreAppended_ThenPositionsAreTheirOrdinalsFrom1', async () => {
    const store = new InMemoryEventStore();
    await store.append('site-1', [event('SiteRegistered', {}), event('SiteRenamed', {})], 'no_stream');
    const result = await store.append('site-2', [event('SiteRegistered', {})], 'no_stream');
    expect(result.position).toEqual({ commit: 3n, prepare: 3n });
    const all = await store.readAll(null, 10);
    expect(all.map((recorded) => recorded.position)).toEqual([1n, 2n, 3n].map((ordinal) => ({ commit: ordinal, prepare: ordinal })));
  });

  it('append_WhenAClockIsGiven_ThenRecordedAtComesFromIt', async () => {
    const clock = new FixedClock('2023-08-15T12:00:00.000Z');
    const store = new InMemoryEventStore({ clock });
    await store.append('site-1', [event('SiteRegistered', {})], 'no_stream');
    clock.advanceMs(1000);
    await store.append('site-1', [event('SiteRenamed', {})], 0);
    const recorded = await store.readStream('site-1');
    expect(recorded.map((stored) => stored.recordedAt.toISOString())).toEqual(['2023-08-15T12:00:00.000Z', '2023-08-15T12:00:01.000Z']);
  });

  it('readStreamAndReadAllAndSubscribe_WhenAnUpcasterIsGiven_ThenReturnTheLatestVersion', async () => {
    const registry = new UpcasterRegistry([
      { type: 'CreditsReserved', fromVersion: 1, toVersion: 2, upcast: (data) => ({ quantityKg: (data as { kg: number }).kg }) },
    ]);
    const store = new InMemoryEventStore({ upcast: registry.asEventUpcast });
    await store.append('batch-1', [event('CreditsReserved', { kg: 25 })], 'no_stream');
    const controller = new AbortController();
    const [fromStream] = await store.readStream('batch-1');
    const [fromLog] = await store.readAll(null, 1);
    let fromSubscription: unknown = null;
    for await (const live of store.subscribe(null, { signal: controller.signal })) {
      fromSubscription = live;
      controller.abort();
    }
    for (const recorded of [fromStream, fromLog, fromSubscription]) {
      expect(recorded).toMatchObject({ schemaVersion: 2, data: { quantityKg: 25 } });
    }
  });

  it('append_WhenDataHoldsValuesJsonCannotKeep_ThenStoresWhatADurableStoreWould', async () => {
    const store = new InMemoryEventStore();
    const data = { at: new Date('2026-01-02T03:04:05.000Z'), missing: undefined, kept: 1 };
    await store.append('s-1', [event('Recorded', data)], 'no_stream');
    const [recorded] = await store.readStream('s-1');
    expect(recorded.data).toStrictEqual({ at: '2026-01-02T03:04:05.000Z', kept: 1 });
    await expect(store.append('s-2', [event('Recorded', { amountMinor: 10n })], 'no_stream')).rejects.toThrow(TypeError);
  });

  it('append_WhenTheInputIsMalformed_ThenRefusesItAndStoresNothing', async () => {
    const store = new InMemoryEventStore();
    await expect(store.append('s-1', [], 'no_stream')).rejects.toThrow(RangeError);
    await expect(store.append('s-1', [{ ...event('Recorded', {}), eventId: 'not-a-uuid' }], 'no_stream')).rejects.toThrow('eventId must be a UUID');
    const twice = event('Recorded', {});
    await expect(store.append('s-1', [twice, twice], 'no_stream')).rejects.toThrow(`Event ${twice.eventId}`);
    expect(await store.readAll(null, 10)).toEqual([]);
  });

  it('readAll_WhenTheLimitIsNotAPositiveInteger_ThenThrowsRangeError', async () => {
    const store = new InMemoryEventStore();
    await expect(store.readAll(null, 0)).rejects.toThrow(RangeError);
    await expect(store.readAll(null, 1.5)).rejects.toThrow(RangeError);
  });

  it('append_WhenTheStoreIsClosed_ThenRejects', async () => {
    const store = new InMemoryEventStore();
    await store.close();
    await expect(store.append('s-1', [event('Recorded', {})], 'no_stream')).rejects.toThrow('closed');
  });
});
