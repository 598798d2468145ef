// Group commit across streams (append-group.ts) against the real PostgreSQL: concurrent appends to
// different streams share statements, each keeps its own expectation and answer, the hash chains
// verify, and what a group cannot settle (a reused event id) is answered by the single path.
import type { TestDatabase } from '@test/support';
import { randomUUID } from 'crypto';
import { Pool } from 'pg';
import { anEvent, freshStreamId, idsOf, someEvents } from '../contract/contract-events';
import { DuplicateEventId, WrongExpectedRevision } from '../event-store.errors';
import { verifyHashChains } from './hash-chain-verifier';
import { createEventStoreDatabase } from './postgres-event-store.fixtures';
import { PostgresEventStore } from './postgres-event-store';
import { poolRows } from './sql-rows';

describe('PostgresEventStore group commit', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createEventStoreDatabase('append_group');
    pool = new Pool({ connectionString: database.url, max: 6 });
    // Dropping the database may terminate connections the pool is still closing.
    pool.on('error', () => undefined);
    store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
  });

  afterAll(async () => {
    await store.close();
    await pool.end();
    await database.drop();
  });

  function countStatements(name: string): { count: () => number; restore: () => void } {
    const spy = jest.spyOn(pool, 'query');
    return { count: () => spy.mock.calls.filter((call) => (call[0] as { name?: string } | undefined)?.name === name).length, restore: () => spy.mockRestore() };
  }

  it('append_WhenManyStreamsAreAppendedAtOnce_ThenTheyShareStatementsAndEachGetsItsOwnRevisionAndPosition', async () => {
    const streams = Array.from({ length: 40 }, () => freshStreamId('grouped'));
    await Promise.all(streams.map((streamId) => store.append(streamId, [anEvent()], 'no_stream')));
    const groups = countStatements('event_store_append_group');
    const singles = countStatements('event_store_append_one');
    let results;
    try {
      results = await Promise.all(streams.map((streamId, index) => store.append(streamId, someEvents(1 + (index % 3)), 0)));
      expect(groups.count()).toBeGreaterThan(0);
      expect(groups.count() + singles.count()).toBeLessThan(streams.length);
    } finally {
      groups.restore();
      singles.restore();
    }
    for (const [index, result] of results.entries()) expect(result.nextExpectedRevision).toBe(1 + (index % 3));
    const positions = results.map((result) => `${result.position.commit}-${result.position.prepare}`);
    expect(new Set(positions).size).toBe(streams.length);
    for (const [index, streamId] of streams.entries()) {
      const stored = await store.readStream(streamId);
      expect(stored.map((event) => event.streamRevision)).toEqual(Array.from({ length: 2 + (index % 3) }, (_, revision) => revision));
      expect(stored[stored.length - 1].position).toEqual(results[index].position);
    }
    expect(await verifyHashChains(poolRows(pool))).toMatchObject({ ok: true, brokenLinks: 0 });
  });

  it('append_WhenOneAppendOfAGroupExpectsTheWrongRevision_ThenOnlyThatOneIsRefused', async () => {
    const streams = Array.from({ length: 12 }, () => freshStreamId('grouped-refusal'));
    await Promise.all(streams.map((streamId) => store.append(streamId, [anEvent()], 'no_stream')));
    const outcomes = await Promise.allSettled(streams.map((streamId, index) => store.append(streamId, [anEvent()], index === 5 ? 7 : 0)));
    for (const [index, outcome] of outcomes.entries()) {
      if (index === 5) {
        expect(outcome.status).toBe('rejected');
        const error = (outcome as PromiseRejectedResult).reason as WrongExpectedRevision;
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect({ expected: error.expected, actual: error.actual }).toEqual({ expected: 7, actual: 0 });
      } else {
        expect(outcome).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 1 } });
      }
    }
    expect((await store.readStream(streams[5])).map((event) => event.streamRevision)).toEqual([0]);
  });

  it('append_WhenAGroupHoldsAReusedEventIdOrARetry_ThenThoseGetTheSingleAppendAnswersAndTheRestGoIn', async () => {
    const taken = anEvent();
    const owner = freshStreamId('owner');
    await store.append(owner, [taken], 'no_stream');
    const retried = someEvents(2);
    const retriedStream = freshStreamId('retried');
    const first = await store.append(retriedStream, retried, 'no_stream');

    const others = Array.from({ length: 8 }, () => freshStreamId('grouped-ok'));
    const thief = freshStreamId('thief');
    const [stolen, retry, ...rest] = await Promise.allSettled([
      store.append(thief, [{ ...anEvent(), eventId: taken.eventId }], 'no_stream'),
      store.append(retriedStream, retried, 'no_stream'),
      ...others.map((streamId) => store.append(streamId, [anEvent()], 'no_stream')),
    ]);
    expect(stolen.status).toBe('rejected');
    expect((stolen as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventId);
    expect(retry).toEqual({ status: 'fulfilled', value: first });
    for (const outcome of rest) expect(outcome).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 0 } });
    await expect(store.readStream(thief)).rejects.toThrow();
    expect(idsOf(await store.readStream(retriedStream))).toEqual(idsOf(retried));
  });

  it('append_WhenGroupsAreDisabled_ThenEveryAppendIsItsOwnStatement', async () => {
    const alone = new PostgresEventStore(pool, { groupAppends: false });
    const groups = countStatements('event_store_append_group');
    try {
      await Promise.all(Array.from({ length: 10 }, () => alone.append(freshStreamId('alone'), [anEvent('ContractChecked', { id: randomUUID() })], 'no_stream')));
      expect(groups.count()).toBe(0);
    } finally {
      groups.restore();
      await alone.close();
    }
  });
});
