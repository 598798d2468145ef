// Integration tests of the PostgreSQL adapter against the real server: what the contract suite
// cannot express in terms of the port (immutability, transactions that commit late, several
// processes' connections racing, LISTEN/NOTIFY and its polling fallback).
import type { TestDatabase } from '@test/support';
import { setTimeout as sleep } from 'timers/promises';
import { WrongExpectedRevision } from '../event-store.errors';
import type { AppendResult, RecordedEvent } from '../event-store.port';
import { comparePositions } from '../log-position';
import { anEvent, freshStreamId, idsOf, someEvents } from '../contract/contract-events';
import { markLogHead, readOwnEvents, SubscriptionProbe } from '../contract/contract-reading';
import { appendWithoutNotify, createEventStoreDatabase, holdAppend, onConnection, RecordingLogger } from './postgres-event-store.fixtures';
import { LISTENER_APPLICATION_NAME, PostgresEventStore, PostgresEventStoreOptions } from './postgres-event-store';

let database: TestDatabase;
const stores: PostgresEventStore[] = [];

function openStore(options: PostgresEventStoreOptions = {}): PostgresEventStore {
  const store = new PostgresEventStore(database.url, { poolSize: 4, pollIntervalMs: 50, ...options });
  stores.push(store);
  return store;
}

function inLogOrder(events: readonly RecordedEvent[]): RecordedEvent[] {
  return [...events].sort((a, b) => comparePositions(a.position, b.position));
}

beforeAll(async () => {
  database = await createEventStoreDatabase('pg_store');
});

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

afterAll(async () => {
  await database.drop();
});

describe('immutability (R8)', () => {
  it.each([
    ['UPDATE', "UPDATE events SET type = 'Rewritten'"],
    ['DELETE', 'DELETE FROM events'],
    ['DELETE', 'DELETE FROM events WHERE false'],
    ['TRUNCATE', 'TRUNCATE events'],
  ])('trigger_When%sRuns_ThenItIsRejectedAndTheEventsStay: %s', async (operation, sql) => {
    const store = openStore();
    const streamId = freshStreamId();
    const events = someEvents(2);
    await store.append(streamId, events, 'no_stream');

    const error = await onConnection(database.url, (client) => client.query(sql)).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: '23001', message: `events are immutable: ${operation} on table events is not allowed` });
    const stored = await store.readStream(streamId);
    expect(stored.map((event) => [event.eventId, event.type])).toEqual(events.map((event) => [event.eventId, event.type]));
  });
});

describe('a transaction that commits late', () => {
  // Both append paths: the single-row INSERT (one event) and append_events (a batch).
  it.each([
    ['OneEvent', 1],
    ['ABatch', 3],
  ])('readAllAndSubscribe_WhenASlowAppendOf%sCommitsLate_ThenNothingPastItIsReadBeforeAndEverythingOnceInOrderAfter', async (_path, slowCount) => {
    const store = openStore();
    const otherProcess = openStore();
    const marker = await markLogHead(store);
    const [early, slow] = [freshStreamId('early'), freshStreamId('slow')];
    const lateStreams = [freshStreamId('late'), freshStreamId('late'), freshStreamId('late')];
    const streams = new Set([early, slow, ...lateStreams]);
    const [earlyEvent] = someEvents(1);
    await store.append(early, [earlyEvent], 'no_stream');
    const probe = new SubscriptionProbe(store, marker, streams, 2);

    const slowEvents = someEvents(slowCount);
    const held = await holdAppend(database.url, slow, slowEvents);
    let lateResults: AppendResult[];
    let checkpoint;
    try {
      // Later appends, from other connections, commit while the slow transaction is open.
      lateResults = await Promise.all([
        store.append(lateStreams[0], [anEvent('Late')], 'no_stream'),
        otherProcess.append(lateStreams[1], someEvents(2, 'Late'), 'no_stream'),
        otherProcess.append(lateStreams[2], [anEvent('Late')], 'no_stream'),
      ]);
      expect(lateResults.every((result) => comparePositions(result.position, held.position) > 0)).toBe(true);
      expect((await otherProcess.readStream(lateStreams[1])).map((event) => event.streamRevision)).toEqual([0, 1]);

      const whileOpen = await readOwnEvents(store, marker, streams, 1);
      expect(idsOf(whileOpen.events)).toEqual([earlyEvent.eventId]);
      checkpoint = whileOpen.last;
      // Give the subscription a few polls (50 ms each) in which it must not deliver a late event; the
      // order check after the commit is the stronger proof (a late event first would skip the slow ones).
      await probe.waitForCount(1);
      await sleep(200);
      expect(idsOf(probe.received)).toEqual([earlyEvent.eventId]);
    } catch (error) {
      await held.rollback();
      throw error;
    }
    await held.commit();

    const lateEvents = inLogOrder(await Promise.all(lateStreams.map((streamId) => otherProcess.readStream(streamId))).then((read) => read.flat()));
    const expected = [...idsOf(slowEvents), ...idsOf(lateEvents)];
    const afterCommit = await readOwnEvents(store, checkpoint, streams, expected.length);
    expect(idsOf(afterCommit.events)).toEqual(expected);
    await probe.waitForCount(1 + expected.length);
    await probe.stop();
    expect(idsOf(probe.received)).toEqual([earlyEvent.eventId, ...expected]);
  });

  it('readAll_WhenTheSlowAppendRollsBack_ThenTheLaterEventsFollowAndNothingOfItAppears', async () => {
    const store = openStore();
    const marker = await markLogHead(store);
    const [slow, late] = [freshStreamId('slow'), freshStreamId('late')];
    const held = await holdAppend(database.url, slow, someEvents(2));
    const [lateEvent] = someEvents(1);
    await store.append(late, [lateEvent], 'no_stream');
    await held.rollback();

    const read = await readOwnEvents(store, marker, new Set([slow, late]), 1);
    expect(idsOf(read.events)).toEqual([lateEvent.eventId]);
    await expect(store.readStream(slow)).rejects.toMatchObject({ code: 'EVENT_STORE.STREAM_NOT_FOUND' });
  });
});

describe('writers on separate connections', () => {
  it.each([
    ['SingleEvents', 1],
    ['Batches', 3],
  ])('append_WhenTwoProcessesAppend%sExpectingTheSameRevision_ThenExactlyOneWins', async (_kind, size) => {
    const [left, right] = [openStore(), openStore()];
    for (let round = 0; round < 20; round += 1) {
      const streamId = freshStreamId('race');
      await left.append(streamId, someEvents(2), 'no_stream');
      const contenders = [someEvents(size, 'Left'), someEvents(size, 'Right')];
      const outcomes = await Promise.allSettled([left.append(streamId, contenders[0], 1), right.append(streamId, contenders[1], 1)]);

      const winner = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
      const loser = outcomes[1 - winner];
      expect(winner).not.toBe(-1);
      expect(loser.status).toBe('rejected');
      const error = (loser as PromiseRejectedResult).reason as unknown;
      expect(error).toBeInstanceOf(WrongExpectedRevision);
      expect((error as WrongExpectedRevision).actual).toBe(1 + size);
      expect(idsOf(await right.readStream(streamId, 2))).toEqual(idsOf(contenders[winner]));
    }
  });

  it('append_WhenManyWritersExpectAnyOnOneStream_ThenEveryAppendLandsWithItsOwnRevisions', async () => {
    const writers = [openStore(), openStore(), openStore()];
    const streamId = freshStreamId('hot');
    const batches = Array.from({ length: 30 }, (_, index) => someEvents(1 + (index % 3)));
    const results = await Promise.all(batches.map((batch, index) => writers[index % 3].append(streamId, batch, 'any')));

    const stored = await writers[0].readStream(streamId);
    const total = batches.reduce((sum, batch) => sum + batch.length, 0);
    expect(stored.map((event) => event.streamRevision)).toEqual(Array.from({ length: total }, (_, revision) => revision));
    batches.forEach((batch, index) => {
      const last = results[index].nextExpectedRevision;
      expect(idsOf(stored.slice(last - batch.length + 1, last + 1))).toEqual(idsOf(batch));
    });
  });

  it('readAll_When100WritersOnSeveralConnectionsAppendToDifferentStreams_ThenReturnsEveryEventOnceInPositionOrder', async () => {
    const writers = [openStore(), openStore(), openStore(), openStore()];
    const reader = openStore();
    const marker = await markLogHead(reader);
    const writes = Array.from({ length: 100 }, (_, index) => ({ streamId: freshStreamId('parallel'), events: someEvents(1 + (index % 3)) }));
    const streams = new Set(writes.map((write) => write.streamId));
    const probe = new SubscriptionProbe(reader, marker, streams, 25);

    await Promise.all(writes.map((write, index) => writers[index % writers.length].append(write.streamId, write.events, 'no_stream')));

    const expectedIds = writes.flatMap((write) => idsOf(write.events)).sort();
    const read = await readOwnEvents(reader, marker, streams, expectedIds.length, 37);
    expect(idsOf(read.events).sort()).toEqual(expectedIds);
    expect(inLogOrder(read.events)).toEqual(read.events);
    await probe.waitForCount(expectedIds.length);
    await probe.stop();
    expect(idsOf(probe.received)).toEqual(idsOf(read.events));
  });
});

describe('subscription wake-ups', () => {
  /** Appends `event`, then nudges with more appends until `received` holds: each append NOTIFYs. */
  async function appendUntilReceived(writer: PostgresEventStore, probe: SubscriptionProbe, streamId: string, nudges: string): Promise<void> {
    const event = anEvent('Watched');
    await writer.append(streamId, [event], 'any');
    // Another suite's open transaction can hold events back (xmin); a later NOTIFY then finds them.
    await waitForWithNudges(() => idsOf(probe.received).includes(event.eventId), () => writer.append(nudges, [anEvent('Nudge')], 'any'));
  }

  async function waitForWithNudges(condition: () => boolean, nudge: () => Promise<unknown>): Promise<void> {
    for (let attempt = 0; attempt < 200 && !condition(); attempt += 1) {
      await sleep(100);
      if (!condition()) await nudge();
    }
    expect(condition()).toBe(true);
  }

  it('subscribe_WhenAnotherProcessAppends_ThenTheNotifyWakesItWithoutPolling', async () => {
    // An hour between polls: within this test only a notification can wake the subscription.
    const listener = openStore({ pollIntervalMs: 3_600_000 });
    const writer = openStore();
    const marker = await markLogHead(writer);
    const [watched, nudges] = [freshStreamId('watched'), freshStreamId('nudges')];
    const probe = new SubscriptionProbe(listener, marker, new Set([watched]));

    await appendUntilReceived(writer, probe, watched, nudges);
    // The subscription is idle now; the next append reaches it only through LISTEN/NOTIFY.
    await appendUntilReceived(writer, probe, watched, nudges);
    await probe.stop();
    expect(probe.received.map((event) => event.streamRevision)).toEqual([0, 1]);
  });

  it('subscribe_WhenAWriterSendsNoNotify_ThenPollingStillDeliversTheEvents', async () => {
    const store = openStore({ pollIntervalMs: 50 });
    const marker = await markLogHead(store);
    const streamId = freshStreamId('silent');
    const probe = new SubscriptionProbe(store, marker, new Set([streamId]));
    const events = someEvents(3);

    await appendWithoutNotify(database.url, streamId, events.slice(0, 1));
    await probe.waitForCount(1);
    await appendWithoutNotify(database.url, streamId, events.slice(1), 0);
    await probe.waitForCount(3);
    await probe.stop();
    expect(idsOf(probe.received)).toEqual(idsOf(events));
  });

  it('subscribe_WhenTheListenConnectionIsKilled_ThenItLogsPollsAndListensAgain', async () => {
    const logger = new RecordingLogger();
    const listener = openStore({ pollIntervalMs: 50, logger });
    const writer = openStore();
    const marker = await markLogHead(writer);
    const streamId = freshStreamId('killed');
    const probe = new SubscriptionProbe(listener, marker, new Set([streamId]));
    const listenerPids = (): Promise<number[]> =>
      onConnection(database.url, async (client) => {
        const sql = 'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1';
        return (await client.query<{ pid: number }>(sql, [LISTENER_APPLICATION_NAME])).rows.map((row) => row.pid);
      });
    let pids = await listenerPids();
    for (let attempt = 0; attempt < 200 && pids.length !== 1; attempt += 1) {
      await sleep(50);
      pids = await listenerPids();
    }
    expect(pids).toHaveLength(1);
    const [killed] = pids;

    await onConnection(database.url, (client) => client.query('SELECT pg_terminate_backend($1)', [killed]));
    const events = someEvents(2);
    await writer.append(streamId, [events[0]], 'no_stream');
    await probe.waitForCount(1);
    let current: number[] = [];
    for (let attempt = 0; attempt < 200 && (current.length !== 1 || current[0] === killed); attempt += 1) {
      await sleep(50);
      current = await listenerPids();
    }
    expect(current).toHaveLength(1);
    expect(current[0]).not.toBe(killed);
    await writer.append(streamId, [events[1]], 0);
    await probe.waitForCount(2);
    await probe.stop();
    expect(idsOf(probe.received)).toEqual(idsOf(events));
    expect(logger.entries.filter((entry) => entry.level === 'warn').map((entry) => entry.message)).toContain(
      'event store: LISTEN connection lost; subscriptions poll until it is back',
    );
  });
});
