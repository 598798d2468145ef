// Contract cases for a transaction that commits late (adapters with beginSlowAppend only).
//
// The expectation, in terms of the port: readAll and subscribe never return an event positioned
// after an event that is still invisible. So while a slow append is open, events appended after it
// began (which are positioned after it) are held back; once it commits, a reader that continues from
// its last position gets the slow events, then the later ones, each exactly once, in log order.
import type { EventStore } from '../event-store.port';
import { comparePositions } from '../log-position';
import { freshStreamId, idsOf, someEvents } from './contract-events';
import type { ContractContext } from './contract-context';
import { assertStrictlyAfter, markLogHead, readOwnEvents, SubscriptionProbe } from './contract-reading';

export function lateCommitCases<TStore extends EventStore>(context: ContractContext<TStore>): void {
  const { beginSlowAppend } = context.factory;
  if (!beginSlowAppend) return;

  describe('a transaction that commits late', () => {
    it('readAllAndSubscribe_WhenASlowAppendCommitsAfterALaterOne_ThenDeliverItFirstAndNeitherIsSkippedNorDoubled', async () => {
      const store = context.store();
      const marker = await markLogHead(store);
      const [early, slow, late] = [freshStreamId('contract-early'), freshStreamId('contract-slow'), freshStreamId('contract-late')];
      const streams = new Set([early, slow, late]);
      const [earlyEvent, slowFirst, slowSecond, lateEvent] = someEvents(4);

      await store.append(early, [earlyEvent], 'no_stream');
      const beforeSlow = await readOwnEvents(store, marker, streams, 1);
      expect(idsOf(beforeSlow.events)).toEqual([earlyEvent.eventId]);
      const checkpoint = beforeSlow.last;

      const held = await beginSlowAppend.call(context.factory, slow, [slowFirst, slowSecond], store);
      const probe = new SubscriptionProbe(store, checkpoint, streams, 2);
      let committed = false;
      try {
        const lateResult = await store.append(late, [lateEvent], 'no_stream');
        expect(lateResult.nextExpectedRevision).toBe(0);

        // While the slow transaction is open, the later event must not be visible to log readers.
        const whileOpen = await store.readAll(checkpoint, 100);
        expect(whileOpen.filter((event) => streams.has(event.streamId))).toEqual([]);
        let cursor = checkpoint;
        for (const event of whileOpen) {
          assertStrictlyAfter(event, cursor);
          cursor = event.position;
        }
        expect(probe.received).toEqual([]);

        await held.commit();
        committed = true;
        // A reader continuing from where it stopped while the transaction was open misses nothing.
        const afterCommit = await readOwnEvents(store, cursor, streams, 3);
        expect(idsOf(afterCommit.events)).toEqual(idsOf([slowFirst, slowSecond, lateEvent]));
        expect(afterCommit.events.map((event) => event.streamId)).toEqual([slow, slow, late]);
        expect(comparePositions(afterCommit.events[1].position, lateResult.position)).toBe(-1);

        await probe.waitForCount(3);
        await probe.stop();
        expect(idsOf(probe.received)).toEqual(idsOf([slowFirst, slowSecond, lateEvent]));
        expect(idsOf(await store.readStream(slow))).toEqual(idsOf([slowFirst, slowSecond]));
      } finally {
        if (!committed) await held.commit().catch(() => undefined);
        await probe.stop().catch(() => undefined);
      }
    });
  });
}
