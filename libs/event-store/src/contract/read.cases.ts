// Contract cases of readStream and readAll: ranges, missing streams, log order, paging.
import { StreamNotFound } from '../event-store.errors';
import type { EventStore, RecordedEvent } from '../event-store.port';
import { comparePositions } from '../log-position';
import { anEvent, freshStreamId, idsOf, someEvents } from './contract-events';
import type { ContractContext } from './contract-context';
import { markLogHead, readOwnEvents } from './contract-reading';

export function readCases<TStore extends EventStore>(context: ContractContext<TStore>): void {
  describe('readStream', () => {
    it('readStream_WhenAFromRevisionIsGiven_ThenReturnsTheEventsFromItInclusive', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      const events = someEvents(5);
      await store.append(streamId, events, 'no_stream');
      const fromTwo = await store.readStream(streamId, 2);
      expect(idsOf(fromTwo)).toEqual(idsOf(events.slice(2)));
      expect(fromTwo.map((event) => event.streamRevision)).toEqual([2, 3, 4]);
      expect(idsOf(await store.readStream(streamId))).toEqual(idsOf(events));
      expect(await store.readStream(streamId, 5)).toEqual([]);
    });

    it('readStream_WhenAMaxCountIsGiven_ThenReturnsAtMostThatManyFromTheFromRevision', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      const events = someEvents(5);
      await store.append(streamId, events, 'no_stream');
      expect(idsOf(await store.readStream(streamId, 0, 1))).toEqual(idsOf(events.slice(0, 1)));
      expect((await store.readStream(streamId, 1, 2)).map((event) => event.streamRevision)).toEqual([1, 2]);
      expect(idsOf(await store.readStream(streamId, 3, 10))).toEqual(idsOf(events.slice(3)));
      expect(await store.readStream(streamId, 5, 1)).toEqual([]);
    });

    it('readStream_WhenMaxCountIsNotAPositiveInteger_ThenRangeError', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      await store.append(streamId, someEvents(2), 'no_stream');
      for (const maxCount of [0, -1, 1.5, Number.NaN]) {
        await expect(store.readStream(streamId, 0, maxCount)).rejects.toBeInstanceOf(RangeError);
      }
    });

    it('readStream_WhenTheStreamHasNoEvents_ThenThrowsStreamNotFoundNamingIt', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      const error = await store.readStream(streamId).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(StreamNotFound);
      expect((error as StreamNotFound).streamId).toBe(streamId);
      expect((error as StreamNotFound).code).toBe('EVENT_STORE.STREAM_NOT_FOUND');
    });

    it('readStream_WhenOtherStreamsInterleave_ThenReturnsOnlyThisStreamInRevisionOrder', async () => {
      const store = context.store();
      const [left, right] = [freshStreamId(), freshStreamId()];
      const leftEvents = someEvents(3);
      await store.append(left, [leftEvents[0]], 'no_stream');
      await store.append(right, [anEvent()], 'no_stream');
      await store.append(left, leftEvents.slice(1), 0);
      expect(idsOf(await store.readStream(left))).toEqual(idsOf(leftEvents));
    });
  });

  describe('readAll', () => {
    it('readAll_WhenStreamsInterleave_ThenReturnsEventsInAppendOrderWithStrictlyIncreasingPositions', async () => {
      const store = context.store();
      const marker = await markLogHead(store);
      const [left, right] = [freshStreamId(), freshStreamId()];
      const [e1, e2, e3, e4] = someEvents(4);
      await store.append(left, [e1, e2], 'no_stream');
      await store.append(right, [e3], 'no_stream');
      await store.append(left, [e4], 1);
      const read = await readOwnEvents(store, marker, new Set([left, right]), 4, 3);
      expect(idsOf(read.events)).toEqual(idsOf([e1, e2, e3, e4]));
      expect(read.events.map((event) => [event.streamId, event.streamRevision])).toEqual([
        [left, 0],
        [left, 1],
        [right, 0],
        [left, 2],
      ]);
      for (let index = 1; index < read.events.length; index += 1) {
        expect(comparePositions(read.events[index - 1].position, read.events[index].position)).toBe(-1);
      }
    });

    it('readAll_WhenAfterAndLimitAreGiven_ThenReturnsAtMostLimitEventsStrictlyAfterThePosition', async () => {
      const store = context.store();
      const marker = await markLogHead(store);
      const streamId = freshStreamId();
      const events = someEvents(4);
      await store.append(streamId, events.slice(0, 2), 'no_stream');
      await store.append(streamId, events.slice(2), 1);
      // Wait until all four are visible; from then on readAll answers the same every time.
      const settled = await readOwnEvents(store, marker, new Set([streamId]), 4);
      const [, second] = settled.events;

      expect(idsOf(await store.readAll(marker, 2))).toEqual(idsOf(events.slice(0, 2)));
      expect(idsOf(await store.readAll(second.position, 1))).toEqual([events[2].eventId]);
      expect(idsOf(await store.readAll(second.position, 10))).toEqual(idsOf(events.slice(2)));
      expect(await store.readAll(settled.events[3].position, 10)).toEqual([]);
    });

    it('readAll_WhenAfterIsNull_ThenStartsAtTheBeginningOfTheLog', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      const [event] = someEvents(1);
      await store.append(streamId, [event], 'no_stream');
      await readOwnEvents(store, null, new Set([streamId]), 1);
      const first = await store.readAll(null, 1);
      expect(first).toHaveLength(1);
      const fromStart = await readOwnEvents(store, null, new Set([streamId]), 1, 500);
      expect(idsOf(fromStart.events)).toEqual([event.eventId]);
    });
  });

  describe('readAllFollowing', () => {
    it('readAllFollowing_WhenTheLogGrows_ThenCatchesUpWithReadAllInTheSameOrderAndPages', async () => {
      const store = context.store();
      const marker = await markLogHead(store);
      const streams = [freshStreamId(), freshStreamId()];
      const events = someEvents(6);
      // Read once first, so an adapter that keeps a window of the tail has started it.
      await store.readAllFollowing(marker, 10);
      await store.append(streams[0], events.slice(0, 2), 'no_stream');
      await store.append(streams[1], events.slice(2, 3), 'no_stream');
      await store.append(streams[0], events.slice(3), 1);
      const settled = await readOwnEvents(store, marker, new Set(streams), 6);

      // It may trail the log by a moment: poll, within a liveness bound.
      let followed: RecordedEvent[] = [];
      for (let attempt = 0; attempt < 500 && followed.length < events.length; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20));
        followed = (await store.readAllFollowing(marker, 100)).filter((event) => streams.includes(event.streamId));
      }
      expect(idsOf(followed)).toEqual(idsOf(events));
      expect(followed.map((event) => event.position)).toEqual(settled.events.map((event) => event.position));
      // Pages: strictly after the given position, at most `limit` events.
      const [, second] = settled.events;
      const page = (await store.readAllFollowing(second.position, 2)).filter((event) => streams.includes(event.streamId));
      expect(page.length).toBeLessThanOrEqual(2);
      expect(idsOf(page)).toEqual(idsOf(events.slice(2, 2 + page.length)));
      expect(idsOf(await store.readAllFollowing(null, 1))).toEqual(idsOf(await store.readAll(null, 1)));
    });
  });
}
