// Contract cases under real concurrency: optimistic conflicts and many parallel writers.
import { WrongExpectedRevision } from '../event-store.errors';
import type { AppendResult, EventStore } from '../event-store.port';
import { anEvent, freshStreamId, idsOf, KnownEvent, someEvents } from './contract-events';
import type { ContractContext } from './contract-context';
import { markLogHead, readOwnEvents, SubscriptionProbe } from './contract-reading';

/** Pairs of racing writers; several rounds make a true interleaving all but certain. */
const RACE_ROUNDS = 10;
const PARALLEL_WRITERS = 100;

export function concurrencyCases<TStore extends EventStore>(context: ContractContext<TStore>): void {
  describe('concurrent appends', () => {
    it('append_WhenTwoWritersExpectTheSameRevision_ThenExactlyOneWinsAndTheOtherGetsWrongExpectedRevision', async () => {
      const store = context.store();
      for (let round = 0; round < RACE_ROUNDS; round += 1) {
        const streamId = freshStreamId();
        const [first] = someEvents(1);
        await store.append(streamId, [first], 'no_stream');
        const contenders = [anEvent('ContenderA'), anEvent('ContenderB')];
        const outcomes = await Promise.allSettled(contenders.map((event) => store.append(streamId, [event], 0)));

        const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [{ index, result: outcome.value }] : []));
        const losers = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(1);
        expect(losers[0]).toBeInstanceOf(WrongExpectedRevision);
        const loser = losers[0] as WrongExpectedRevision;
        expect({ streamId: loser.streamId, expected: loser.expected, actual: loser.actual }).toEqual({ streamId, expected: 0, actual: 1 });
        expect(winners[0].result.nextExpectedRevision).toBe(1);
        expect(idsOf(await store.readStream(streamId))).toEqual([first.eventId, contenders[winners[0].index].eventId]);
      }
    });

    it('append_WhenTwoWritersCreateTheSameStream_ThenExactlyOneWins', async () => {
      const store = context.store();
      for (let round = 0; round < RACE_ROUNDS; round += 1) {
        const streamId = freshStreamId();
        const batches = [someEvents(2), someEvents(2)];
        const outcomes = await Promise.allSettled(batches.map((batch) => store.append(streamId, batch, 'no_stream')));
        const winnerIndex = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
        const rejected = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
        expect(rejected).toHaveLength(1);
        expect(rejected[0].reason).toBeInstanceOf(WrongExpectedRevision);
        expect((rejected[0].reason as WrongExpectedRevision).actual).toBe(1);
        expect(idsOf(await store.readStream(streamId))).toEqual(idsOf(batches[winnerIndex]));
      }
    });

    it('readAllAndSubscribe_When100WritersAppendToDifferentStreamsAtOnce_ThenDeliverEveryEventExactlyOnce', async () => {
      const store = context.store();
      const marker = await markLogHead(store);
      const writes = Array.from({ length: PARALLEL_WRITERS }, () => ({ streamId: freshStreamId('contract-parallel'), events: someEvents(2) }));
      const streams = new Set(writes.map((write) => write.streamId));
      const probe = new SubscriptionProbe(store, marker, streams, 16);

      const results: AppendResult[] = await Promise.all(writes.map((write) => store.append(write.streamId, write.events, 'no_stream')));
      expect(results.every((result) => result.nextExpectedRevision === 1)).toBe(true);

      const expectedIds = writes.flatMap((write) => write.events).map((event: KnownEvent) => event.eventId).sort();
      const read = await readOwnEvents(store, marker, streams, expectedIds.length, 16);
      expect(idsOf(read.events).sort()).toEqual(expectedIds);
      await probe.waitForCount(expectedIds.length);
      await probe.stop();
      expect(idsOf(probe.received).sort()).toEqual(expectedIds);
      expect(idsOf(probe.received)).toEqual(idsOf(read.events));

      // Each stream's two events keep their revision order inside the global log.
      const seenRevisions = new Map<string, number[]>();
      for (const event of read.events) seenRevisions.set(event.streamId, [...(seenRevisions.get(event.streamId) ?? []), event.streamRevision]);
      expect([...seenRevisions.values()].every((revisions) => revisions.join() === '0,1')).toBe(true);
    });
  });
}
