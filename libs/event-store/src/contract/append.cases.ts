// Contract cases of append: expected revisions, typed conflicts, idempotent retries, atomicity.
import { DuplicateEventId, StreamNotFound } from '../event-store.errors';
import type { EventStore } from '../event-store.port';
import { anEvent, freshStreamId, idsOf, someEvents } from './contract-events';
import { ContractContext, expectWrongExpectedRevision } from './contract-context';

export function appendCases<TStore extends EventStore>(context: ContractContext<TStore>): void {
  describe('append with an expected revision', () => {
    it('append_WhenNoStreamAndTheStreamIsNew_ThenStoresTheEventsFromRevision0', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      const events = someEvents(3);
      const result = await store.append(streamId, events, 'no_stream');
      expect(result.nextExpectedRevision).toBe(2);
      const stored = await store.readStream(streamId);
      expect(idsOf(stored)).toEqual(idsOf(events));
      expect(stored.map((event) => event.streamRevision)).toEqual([0, 1, 2]);
      expect(stored.map((event) => event.streamId)).toEqual([streamId, streamId, streamId]);
      expect(result.position).toEqual(stored[2].position);
    });

    it('append_WhenNoStreamButTheStreamExists_ThenThrowsWrongExpectedRevisionWithTheActualRevision', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      await store.append(streamId, someEvents(2), 'no_stream');
      await expectWrongExpectedRevision(store.append(streamId, [anEvent()], 'no_stream'), streamId, 'no_stream', 1);
    });

    it('append_WhenTheExactRevisionMatches_ThenAppendsAfterIt', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      const first = await store.append(streamId, [anEvent()], 'no_stream');
      const second = await store.append(streamId, someEvents(2), first.nextExpectedRevision);
      expect(second.nextExpectedRevision).toBe(2);
      expect((await store.readStream(streamId)).map((event) => event.streamRevision)).toEqual([0, 1, 2]);
    });

    it('append_WhenTheExactRevisionIsStale_ThenThrowsWrongExpectedRevisionCarryingStreamExpectedAndActual', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      await store.append(streamId, someEvents(3), 'no_stream');
      await expectWrongExpectedRevision(store.append(streamId, [anEvent()], 0), streamId, 0, 2);
      await expectWrongExpectedRevision(store.append(streamId, [anEvent()], 7), streamId, 7, 2);
    });

    it('append_WhenAnExactRevisionIsExpectedOnAMissingStream_ThenActualIsNoStream', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      await expectWrongExpectedRevision(store.append(streamId, [anEvent()], 0), streamId, 0, 'no_stream');
      await expect(store.readStream(streamId)).rejects.toBeInstanceOf(StreamNotFound);
    });

    it('append_WhenAny_ThenAppendsToNewAndExistingStreams', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      expect((await store.append(streamId, [anEvent()], 'any')).nextExpectedRevision).toBe(0);
      expect((await store.append(streamId, someEvents(2), 'any')).nextExpectedRevision).toBe(2);
    });

    it('append_WhenStreamExists_ThenAppendsOnlyToAnExistingStream', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      await expectWrongExpectedRevision(store.append(streamId, [anEvent()], 'stream_exists'), streamId, 'stream_exists', 'no_stream');
      await store.append(streamId, [anEvent()], 'no_stream');
      expect((await store.append(streamId, [anEvent()], 'stream_exists')).nextExpectedRevision).toBe(1);
    });
  });

  describe('append atomicity and idempotency', () => {
    it('append_WhenTheExpectedRevisionIsWrong_ThenStoresNoneOfTheBatch', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      const [first] = someEvents(1);
      await store.append(streamId, [first], 'no_stream');
      await expectWrongExpectedRevision(store.append(streamId, someEvents(4), 5), streamId, 5, 0);
      expect(idsOf(await store.readStream(streamId))).toEqual([first.eventId]);
    });

    it('append_WhenTheSameEventIdsAreAppendedAgain_ThenStoresThemOnceAndReturnsTheSameResult', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      const events = someEvents(2);
      const original = await store.append(streamId, events, 'no_stream');
      const retried = await store.append(streamId, events, 'no_stream');
      expect(retried).toEqual(original);
      expect(idsOf(await store.readStream(streamId))).toEqual(idsOf(events));
    });

    it('append_WhenAnExactRetryArrivesAfterTheStreamMovedOn_ThenReturnsTheOriginalResult', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      const events = someEvents(2);
      const original = await store.append(streamId, events, 'no_stream');
      const later = anEvent();
      await store.append(streamId, [later], original.nextExpectedRevision);
      expect(await store.append(streamId, events, 'no_stream')).toEqual(original);
      expect(idsOf(await store.readStream(streamId))).toEqual([...idsOf(events), later.eventId]);
    });

    if (context.factory.enforcesUniqueEventIds ?? true) {
      it('append_WhenAnEventIdIsReusedInAnotherStream_ThenThrowsDuplicateEventIdAndStoresNothing', async () => {
        const store = context.store();
        const [reused] = someEvents(1);
        await store.append(freshStreamId(), [reused], 'no_stream');
        const otherStream = freshStreamId();
        const error = await store.append(otherStream, [anEvent(), { ...reused, metadata: { ...reused.metadata } }], 'no_stream').catch((reason: unknown) => reason);
        expect(error).toBeInstanceOf(DuplicateEventId);
        expect((error as DuplicateEventId).eventId).toBe(reused.eventId);
        await expect(store.readStream(otherStream)).rejects.toBeInstanceOf(StreamNotFound);
      });
    }

    it('append_WhenEventsHaveNoSchemaVersion_ThenTheyAreStoredAtVersion1', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      const versioned = { ...anEvent(), schemaVersion: 3 };
      await store.append(streamId, [anEvent(), versioned], 'no_stream');
      expect((await store.readStream(streamId)).map((event) => event.schemaVersion)).toEqual([1, 3]);
    });

    it('append_WhenAnEventHasNoId_ThenTheStoreGivesItAUuid', async () => {
      const store = context.store();
      const streamId = freshStreamId();
      const { eventId: _omitted, ...withoutId } = anEvent();
      await store.append(streamId, [withoutId, withoutId], 'no_stream');
      const stored = await store.readStream(streamId);
      expect(stored[0].eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(stored[0].eventId).not.toBe(stored[1].eventId);
    });
  });
}
