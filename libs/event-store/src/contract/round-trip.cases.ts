// Contract cases on what is stored: data and metadata come back exactly, and stay as recorded.
import type { EventStore, NewEvent } from '../event-store.port';
import { contractMetadata, freshStreamId } from './contract-events';
import type { ContractContext } from './contract-context';
import { markLogHead, readOwnEvents } from './contract-reading';
import { randomUUID } from 'crypto';

/** Nested objects, arrays, unicode, and integers too large for a double (kept as strings). */
const RICH_DATA = {
  site: { code: 'KAM', name: 'Kamilombe — Kolwezi, Lualaba', cooperative: 'CMDS', tags: ['coopérative', 'コバルト', '🪨'] },
  quantityKg: 2500,
  amount: { currency: 'USD', value: '120000000000000000000001' },
  serials: [{ from: 1, to: 2500 }, { from: 2501, to: 2600 }],
  flags: { verified: true, disputed: false, note: null },
  negative: -42,
  emptyList: [],
  emptyObject: {},
  quotes: 'He said "book & claim" \\ \n tab\t',
};

export function roundTripCases<TStore extends EventStore>(context: ContractContext<TStore>): void {
  describe('stored events', () => {
    it('readStreamAndReadAll_WhenDataAndMetadataAreRich_ThenReturnThemExactly', async () => {
      const store = context.store();
      const marker = await markLogHead(store);
      const streamId = freshStreamId();
      const metadata = contractMetadata({
        actorKeyId: 'key-7f3a',
        companyId: randomUUID(),
        causationId: randomUUID(),
        idempotencyKey: 'idem-ü-1',
        occurredAt: '2023-08-15T09:30:00.123Z',
      });
      const event: NewEvent & { eventId: string } = { eventId: randomUUID(), type: 'CreditsReserved', schemaVersion: 2, data: RICH_DATA, metadata };
      await store.append(streamId, [event], 'no_stream');

      const [fromStream] = await store.readStream(streamId);
      const { events: [fromLog] } = await readOwnEvents(store, marker, new Set([streamId]), 1);
      for (const recorded of [fromStream, fromLog]) {
        expect(recorded.data).toEqual(RICH_DATA);
        expect(recorded.metadata).toEqual(metadata);
        expect({ eventId: recorded.eventId, type: recorded.type, schemaVersion: recorded.schemaVersion }).toEqual({
          eventId: event.eventId,
          type: 'CreditsReserved',
          schemaVersion: 2,
        });
        expect(recorded.recordedAt).toBeInstanceOf(Date);
        expect(Number.isNaN(recorded.recordedAt.getTime())).toBe(false);
      }
      expect(fromLog.position).toEqual(fromStream.position);
    });

    it('readStream_WhenTheAppendedOrReadObjectsAreMutated_ThenTheStoredEventIsUnchanged', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      const data = { holdings: [{ companyId: 'c-1', quantityKg: 10 }] };
      await store.append(streamId, [{ type: 'HoldingRecorded', data, metadata: contractMetadata() }], 'no_stream');
      data.holdings[0].quantityKg = 999;
      const [firstRead] = await store.readStream(streamId);
      (firstRead.data as typeof data).holdings[0].quantityKg = 555;
      const [secondRead] = await store.readStream(streamId);
      expect(secondRead.data).toEqual({ holdings: [{ companyId: 'c-1', quantityKg: 10 }] });
    });
  });
}
