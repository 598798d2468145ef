// Contract cases of subscribe: catch-up, then live delivery in log order, and clean stops.
import type { EventStore } from '../event-store.port';
import { anEvent, freshStreamId, idsOf, someEvents } from './contract-events';
import type { ContractContext } from './contract-context';
import { markLogHead, readOwnEvents, SubscriptionProbe } from './contract-reading';

export function subscribeCases<TStore extends EventStore>(context: ContractContext<TStore>): void {
  describe('subscribe', () => {
    it('subscribe_WhenEventsExistAndMoreArrive_ThenCatchesUpThenDeliversLiveEventsInOrder', async () => {
      const store = context.store();
      const marker = await markLogHead(store);
      const [left, right] = [freshStreamId(), freshStreamId()];
      const events = someEvents(6);
      await store.append(left, events.slice(0, 2), 'no_stream');
      await store.append(right, [events[2]], 'no_stream');

      const probe = new SubscriptionProbe(store, marker, new Set([left, right]), 2);
      await probe.waitForCount(3);
      await store.append(left, [events[3]], 1);
      await store.append(right, events.slice(4), 0);
      await probe.waitForCount(6);
      await probe.stop();

      expect(idsOf(probe.received)).toEqual(idsOf(events));
      const read = await readOwnEvents(store, marker, new Set([left, right]), 6);
      expect(probe.received.map((event) => event.position)).toEqual(read.events.map((event) => event.position));
    });

    it('subscribe_WhenAfterIsAnEventPosition_ThenStartsStrictlyAfterIt', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      const events = someEvents(3);
      const first = await store.append(streamId, [events[0]], 'no_stream');
      await store.append(streamId, events.slice(1), 0);
      const probe = new SubscriptionProbe(store, first.position, new Set([streamId]));
      await probe.waitForCount(2);
      await probe.stop();
      expect(idsOf(probe.received)).toEqual(idsOf(events.slice(1)));
    });

    it('subscribe_WhenAborted_ThenEndsWithoutErrorAndDeliversNothingMore', async () => {
      const store = context.store();
      const marker = await markLogHead(store);
      const streamId = freshStreamId();
      const probe = new SubscriptionProbe(store, marker, new Set([streamId]));
      const [before, after] = someEvents(2);
      await store.append(streamId, [before], 'no_stream');
      await probe.waitForCount(1);
      // The subscription is now idle, waiting for live events: abort must end it from there.
      await probe.stop();
      expect(probe.isEnded).toBe(true);
      await store.append(streamId, [after], 0);
      await readOwnEvents(store, marker, new Set([streamId]), 2);
      expect(idsOf(probe.received)).toEqual([before.eventId]);
    });

    it('subscribe_WhenTheSignalIsAlreadyAborted_ThenYieldsNothing', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      await store.append(streamId, [anEvent()], 'no_stream');
      const controller = new AbortController();
      controller.abort();
      const delivered: string[] = [];
      for await (const event of store.subscribe(null, { signal: controller.signal })) delivered.push(event.eventId);
      expect(delivered).toEqual([]);
    });

    it('close_WhenASubscriptionIsLive_ThenTheSubscriptionEnds', async () => {
      const store = context.store();
      const marker = await markLogHead(store);
      const streamId = freshStreamId();
      const probe = new SubscriptionProbe(store, marker, new Set([streamId]));
      await store.append(streamId, [anEvent()], 'no_stream');
      await probe.waitForCount(1);
      await context.closeStore();
      await probe.waitForEnd();
      expect(probe.isEnded).toBe(true);
    });
  });
}
