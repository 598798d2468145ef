// What the PostgreSQL adapter adds beyond the shared contract: transaction-based positions, the
// batch path, input limits and checks, racing retries, timestamps, closing, and the migration.
import type { TestDatabase } from '@test/support';
import { randomUUID } from 'crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { DuplicateEventId, StreamNotFound } from '../event-store.errors';
import type { NewEvent } from '../event-store.port';
import { anEvent, contractMetadata, freshStreamId, idsOf, someEvents } from '../contract/contract-events';
import { markLogHead, readOwnEvents, SubscriptionProbe } from '../contract/contract-reading';
import { MAX_EVENTS_PER_APPEND } from './append-statements';
import { createEventStoreDatabase, onConnection } from './postgres-event-store.fixtures';
import { MAX_READ_LIMIT, PostgresEventStore } from './postgres-event-store';
import { eventStoreMigrations } from './postgres-schema';

let database: TestDatabase;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await createEventStoreDatabase('pg_details');
  store = new PostgresEventStore(database.url, { poolSize: 4, pollIntervalMs: 50 });
});

afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('positions', () => {
  it('append_WhenSeveralEventsGoInOneCall_ThenTheyShareTheTransactionIdAndTakeConsecutiveSequenceNumbers', async () => {
    const streamId = freshStreamId();
    const first = await store.append(streamId, someEvents(3), 'no_stream');
    const second = await store.append(streamId, [anEvent()], 2);

    const stored = await store.readStream(streamId);
    const [p0, p1, p2, p3] = stored.map((event) => event.position);
    expect([p1.commit, p2.commit]).toEqual([p0.commit, p0.commit]);
    expect([p1.prepare - p0.prepare, p2.prepare - p1.prepare]).toEqual([1n, 1n]);
    expect(first.position).toEqual(p2);
    expect(second.position).toEqual(p3);
    expect(p3.commit > p2.commit).toBe(true);
  });

  it('append_WhenABatchHas1000Events_ThenRevisionsAndSequenceNumbersFollowTheBatchOrder', async () => {
    const streamId = freshStreamId('bulk');
    const events = someEvents(1000, 'BulkRecorded');
    const result = await store.append(streamId, events, 'no_stream');

    const stored = await store.readStream(streamId);
    expect(result.nextExpectedRevision).toBe(999);
    expect(idsOf(stored)).toEqual(idsOf(events));
    expect(stored.map((event) => (event.data as { index: number }).index)).toEqual(stored.map((event) => event.streamRevision));
    expect(stored.every((event, index) => index === 0 || event.position.prepare === stored[index - 1].position.prepare + 1n)).toBe(true);
  });

  it('readAll_WhenEventsAreRead_ThenRecordedAtIsTheDatabaseTimeToTheMillisecond', async () => {
    const streamId = freshStreamId();
    await store.append(streamId, [anEvent()], 'no_stream');
    const [event] = await store.readStream(streamId);
    const { rows } = await onConnection(database.url, (client) =>
      client.query<{ at: string }>(`SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM events WHERE event_id = $1`, [event.eventId]),
    );
    expect(event.recordedAt.toISOString()).toBe(rows[0].at);
  });
});

describe('append checks', () => {
  const reject = (events: readonly NewEvent[], expected: Parameters<PostgresEventStore['append']>[2] = 'no_stream') =>
    store.append(freshStreamId(), events, expected).catch((reason: unknown) => reason);

  it('append_WhenTheInputIsMalformed_ThenThrowsBeforeWriting', async () => {
    expect(await reject([])).toBeInstanceOf(RangeError);
    expect(await reject(someEvents(MAX_EVENTS_PER_APPEND + 1))).toBeInstanceOf(RangeError);
    expect(await reject([{ ...anEvent(), eventId: 'not-a-uuid' }])).toBeInstanceOf(TypeError);
    expect(await reject([{ ...anEvent(), data: undefined }])).toBeInstanceOf(TypeError);
    expect(await reject([{ ...anEvent(), type: '' }])).toBeInstanceOf(TypeError);
    expect(await reject([{ ...anEvent(), schemaVersion: 0 }])).toBeInstanceOf(RangeError);
    expect(await reject([anEvent()], -1)).toBeInstanceOf(RangeError);
    expect(await reject([anEvent()], 1.5)).toBeInstanceOf(RangeError);
    await expect(store.append('', [anEvent()], 'no_stream')).rejects.toBeInstanceOf(TypeError);
  });

  it('append_WhenABatchRepeatsAnId_ThenThrowsDuplicateEventIdAndCreatesNoStream', async () => {
    const streamId = freshStreamId();
    const repeated = anEvent();
    const error = await store.append(streamId, [repeated, anEvent(), { ...repeated }], 'no_stream').catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(DuplicateEventId);
    await expect(store.readStream(streamId)).rejects.toBeInstanceOf(StreamNotFound);
  });

  it('append_WhenStoredIdsComeBackInAnotherOrder_ThenThrowsDuplicateEventId', async () => {
    const streamId = freshStreamId();
    const [a, b] = someEvents(2);
    await store.append(streamId, [a, b], 'no_stream');
    await expect(store.append(streamId, [b, a], 'any')).rejects.toBeInstanceOf(DuplicateEventId);
    expect(idsOf(await store.readStream(streamId))).toEqual([a.eventId, b.eventId]);
  });

  it('append_WhenARetryUsesUpperCaseIds_ThenItIsRecognisedAsTheSameAppend', async () => {
    const streamId = freshStreamId();
    const event = anEvent();
    const original = await store.append(streamId, [{ ...event, eventId: event.eventId.toUpperCase() }], 'no_stream');
    expect(await store.append(streamId, [event], 'no_stream')).toEqual(original);
    expect(idsOf(await store.readStream(streamId))).toEqual([event.eventId]);
  });

  it('append_WhenTwoProcessesSendTheSameAppendAtOnce_ThenBothGetTheOriginalResultAndItIsStoredOnce', async () => {
    const other = new PostgresEventStore(database.url, { poolSize: 2 });
    try {
      for (let round = 0; round < 10; round += 1) {
        const streamId = freshStreamId('retry');
        const events = someEvents(1 + (round % 2));
        const [left, right] = await Promise.all([store.append(streamId, events, 'any'), other.append(streamId, events, 'any')]);
        expect(right).toEqual(left);
        expect(idsOf(await store.readStream(streamId))).toEqual(idsOf(events));
      }
    } finally {
      await other.close();
    }
  });
});

describe('reads', () => {
  it('readAll_WhenTheLimitIsOutOfBounds_ThenThrowsRangeError', async () => {
    for (const limit of [0, 1.5, MAX_READ_LIMIT + 1]) await expect(store.readAll(null, limit)).rejects.toBeInstanceOf(RangeError);
    expect(() => store.subscribe(null, { batchSize: 0 })).toThrow(RangeError);
  });

  it('readStream_WhenFromRevisionIsNegative_ThenReadsFromTheStart', async () => {
    const streamId = freshStreamId();
    const events = someEvents(2);
    await store.append(streamId, events, 'no_stream');
    expect(idsOf(await store.readStream(streamId, -5))).toEqual(idsOf(events));
    await expect(store.readStream(streamId, 0.5)).rejects.toBeInstanceOf(RangeError);
  });

  it('readStream_WhenCatchingUpFromARevision_ThenOneStatementWhetherOrNotThereIsAnythingNew', async () => {
    const pool = new Pool({ connectionString: database.url, max: 2 });
    const counted = new PostgresEventStore(pool);
    const statements = jest.spyOn(pool, 'query');
    try {
      const streamId = freshStreamId();
      const events = someEvents(3);
      await counted.append(streamId, events, 'no_stream');
      statements.mockClear();
      expect(await counted.readStream(streamId, 3)).toEqual([]);
      expect(idsOf(await counted.readStream(streamId, 2))).toEqual(idsOf(events.slice(2)));
      expect(idsOf(await counted.readStream(streamId, 1))).toEqual(idsOf(events.slice(1)));
      expect(statements).toHaveBeenCalledTimes(3);
      // Past the head by more than one, or no stream at all: the stream's existence is asked apart.
      expect(await counted.readStream(streamId, 9)).toEqual([]);
      await expect(counted.readStream(freshStreamId(), 4)).rejects.toBeInstanceOf(StreamNotFound);
    } finally {
      statements.mockRestore();
      await counted.close();
      await pool.end();
    }
  });

  it('readAll_WhenDataHoldsJsonOnlyValues_ThenTheyComeBackAsJson', async () => {
    const marker = await markLogHead(store);
    const streamId = freshStreamId();
    await store.append(streamId, [{ type: 'Listed', data: ['a', 1, null, { nested: [true] }], metadata: contractMetadata() }], 'no_stream');
    const { events } = await readOwnEvents(store, marker, new Set([streamId]), 1);
    expect(events[0].data).toEqual(['a', 1, null, { nested: [true] }]);
  });

  it('readStream_WhenABatchEventsDataIsJsonNull_ThenItIsStoredAndReadAsNull', async () => {
    const streamId = freshStreamId();
    await store.append(streamId, [anEvent(), { type: 'Nothing', data: null, metadata: contractMetadata() }], 'no_stream');
    expect((await store.readStream(streamId)).map((event) => event.data)).toEqual([{}, null]);
  });
});

describe('closing', () => {
  const backends = (applicationName: string): Promise<number> =>
    onConnection(database.url, async (client) => {
      const sql = 'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1';
      return (await client.query<{ n: number }>(sql, [applicationName])).rows[0].n;
    });

  it('close_WhenTheStoreOwnsItsPool_ThenSubscriptionsEndCallsFailAndItsConnectionsGo', async () => {
    const applicationName = `closing-${randomUUID()}`;
    const owned = new PostgresEventStore(database.url, { poolSize: 2, pollIntervalMs: 50, applicationName });
    const marker = await markLogHead(owned);
    const probe = new SubscriptionProbe(owned, marker, new Set([freshStreamId()]));
    await owned.append(freshStreamId(), [anEvent()], 'no_stream');
    expect(await backends(applicationName)).toBeGreaterThan(0);
    await owned.close();
    await owned.close();

    await probe.waitForEnd();
    await expect(owned.append(freshStreamId(), [anEvent()], 'no_stream')).rejects.toThrow('PostgresEventStore is closed');
    await expect(owned.readAll(null, 1)).rejects.toThrow('PostgresEventStore is closed');
    // A backend leaves pg_stat_activity a moment after its client hangs up.
    let remaining = await backends(applicationName);
    for (let attempt = 0; attempt < 100 && remaining > 0; attempt += 1) remaining = await backends(applicationName);
    expect(remaining).toBe(0);
  });

  it('close_WhenThePoolWasGiven_ThenThePoolStaysOpenForItsOwner', async () => {
    const pool = new Pool({ connectionString: database.url, max: 2 });
    try {
      const borrowed = new PostgresEventStore(pool);
      await borrowed.append(freshStreamId(), [anEvent()], 'no_stream');
      await borrowed.close();
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it('constructor_WhenAnOptionIsNotAPositiveInteger_ThenThrowsRangeError', () => {
    expect(() => new PostgresEventStore(database.url, { pollIntervalMs: 0 })).toThrow(RangeError);
    expect(() => new PostgresEventStore(database.url, { poolSize: 2.5 })).toThrow(RangeError);
  });
});

describe('migration', () => {
  it('eventStoreMigrations_WhenAllRevertedAndRunAgain_ThenTheSchemaIsRebuiltAndWorks', async () => {
    const scratch = await createEventStoreDatabase('pg_migration');
    const dataSource = new DataSource({ type: 'postgres', url: scratch.url, migrations: [...eventStoreMigrations], logging: false });
    try {
      await dataSource.initialize();
      for (let undone = 0; undone < eventStoreMigrations.length; undone += 1) await dataSource.undoLastMigration({ transaction: 'each' });
      const tables = await dataSource.query(`SELECT to_regclass('events') AS events, to_regproc('append_events') AS fn`);
      expect(tables).toEqual([{ events: null, fn: null }]);
      await dataSource.runMigrations({ transaction: 'each' });
      const fresh = new PostgresEventStore(scratch.url, { poolSize: 1 });
      try {
        const streamId = `site-${randomUUID()}`;
        await fresh.append(streamId, someEvents(2), 'no_stream');
        expect((await fresh.readStream(streamId)).map((event) => event.streamRevision)).toEqual([0, 1]);
      } finally {
        await fresh.close();
      }
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await scratch.drop();
    }
  });
});
