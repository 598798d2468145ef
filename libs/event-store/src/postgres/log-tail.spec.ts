// The shared tail of the log (log-tail.ts): followers at the tail are served from one window, read
// once per tail read; followers behind it, and every follower while the tail cannot read, read the
// store itself; concurrent writers and many followers still see every event once, in log order.
import type { TestDatabase } from '@test/support';
import { Pool } from 'pg';
import { anEvent, freshStreamId, idsOf, someEvents } from '../contract/contract-events';
import { markLogHead, readOwnEvents, SubscriptionProbe } from '../contract/contract-reading';
import type { RecordedEvent } from '../event-store.port';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import type { LogPosition } from '../log-position';
import { WakeSignal, WakeUps } from './append-signal';
import { LogTail } from './log-tail';
import { createEventStoreDatabase } from './postgres-event-store.fixtures';
import { PostgresEventStore } from './postgres-event-store';

const LIVENESS_ATTEMPTS = 500;
const PAUSE_MS = 20;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until it returns `count` events of `streams` (the tail trails the log by a moment). */
async function followUntil(read: () => Promise<RecordedEvent[]>, streams: readonly string[], count: number): Promise<RecordedEvent[]> {
  let events: RecordedEvent[] = [];
  for (let attempt = 0; attempt < LIVENESS_ATTEMPTS && events.length < count; attempt += 1) {
    if (attempt > 0) await pause(PAUSE_MS);
    events = (await read()).filter((event) => streams.includes(event.streamId));
  }
  return events;
}

describe('PostgresEventStore log tail', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createEventStoreDatabase('log_tail');
    pool = new Pool({ connectionString: database.url, max: 6 });
    // Dropping the database may terminate connections the pool is still closing.
    pool.on('error', () => undefined);
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  /** Counts the catch-up reads the store sends (calls still go to PostgreSQL). */
  function countLogReads(): { count: () => number; restore: () => void } {
    const spy = jest.spyOn(pool, 'query');
    const isLogRead = (call: unknown[]): boolean => (call[0] as { name?: string } | undefined)?.name === 'event_store_read_all';
    return { count: () => spy.mock.calls.filter(isLogRead).length, restore: () => spy.mockRestore() };
  }

  it('readAllFollowing_WhenManyFollowersReadAtTheTail_ThenTheyShareOneReadOfTheStore', async () => {
    const store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
    try {
      const marker = await markLogHead(store);
      await store.readAllFollowing(marker, 10);
      const streamId = freshStreamId();
      const events = someEvents(20);
      for (const [revision, event] of events.entries()) await store.append(streamId, [event], revision === 0 ? 'no_stream' : revision - 1);
      const first = await followUntil(() => store.readAllFollowing(marker, 100), [streamId], events.length);
      expect(idsOf(first)).toEqual(idsOf(events));

      const reads = countLogReads();
      try {
        const followers = await Promise.all(Array.from({ length: 10 }, () => store.readAllFollowing(marker, 100)));
        for (const answer of followers) expect(idsOf(answer.filter((event) => event.streamId === streamId))).toEqual(idsOf(events));
        expect(reads.count()).toBe(0);
      } finally {
        reads.restore();
      }
    } finally {
      await store.close();
    }
  });

  it('readAllFollowing_WhenTheFollowerIsBehindTheWindow_ThenReadsTheStoreAndMissesNothing', async () => {
    const store = new PostgresEventStore(pool, { pollIntervalMs: 50, tailWindowSize: 8 });
    try {
      const marker = await markLogHead(store);
      await store.readAllFollowing(marker, 10);
      const streamId = freshStreamId();
      const events = someEvents(40);
      for (const [revision, event] of events.entries()) await store.append(streamId, [event], revision === 0 ? 'no_stream' : revision - 1);
      const settled = await readOwnEvents(store, marker, new Set([streamId]), events.length);
      // The window holds about the last 8 events: this follower starts far before them.
      const followed = await followUntil(() => store.readAllFollowing(marker, 1_000), [streamId], events.length);
      expect(idsOf(followed)).toEqual(idsOf(events));
      expect(followed.map((event) => event.position)).toEqual(settled.events.map((event) => event.position));
      const lastButOne = settled.events[events.length - 2].position;
      expect(idsOf(await followUntil(() => store.readAllFollowing(lastButOne, 10), [streamId], 1))).toEqual([events[events.length - 1].eventId]);
    } finally {
      await store.close();
    }
  });

  it('readAllFollowing_WhenServedFromTheWindow_ThenTheSharedEventsCannotBeChanged', async () => {
    const store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
    try {
      const marker = await markLogHead(store);
      await store.readAllFollowing(marker, 10);
      const streamId = freshStreamId();
      await store.append(streamId, [anEvent('ContractChecked', { nested: { kg: 5 } })], 'no_stream');
      const [event] = await followUntil(() => store.readAllFollowing(marker, 10), [streamId], 1);
      expect(() => {
        (event.data as { nested: { kg: number } }).nested.kg = 6;
      }).toThrow(TypeError);
      expect(() => {
        (event as { type: string }).type = 'Changed';
      }).toThrow(TypeError);
    } finally {
      await store.close();
    }
  });

  it('subscribe_WhenManyFollowersAndConcurrentWriters_ThenEachSeesEveryEventOnceInLogOrder', async () => {
    const store = new PostgresEventStore(pool, { pollIntervalMs: 50, tailIntervalMs: 5, tailWindowSize: 64 });
    const writers = Array.from({ length: 6 }, () => freshStreamId());
    const perWriter = 25;
    const marker = await markLogHead(store);
    const probes = Array.from({ length: 5 }, (_, index) => new SubscriptionProbe(store, marker, new Set(writers), index % 2 === 0 ? 7 : 100));
    try {
      await Promise.all(
        writers.map(async (streamId) => {
          for (let revision = 0; revision < perWriter; revision += 1) await store.append(streamId, [anEvent()], revision === 0 ? 'no_stream' : revision - 1);
        }),
      );
      const total = writers.length * perWriter;
      const settled = await readOwnEvents(store, marker, new Set(writers), total, 500);
      for (const probe of probes) {
        await probe.waitForCount(total);
        expect(probe.received.map((event) => event.eventId)).toEqual(settled.events.map((event) => event.eventId));
      }
    } finally {
      await Promise.all(probes.map((probe) => probe.stop()));
      await store.close();
    }
  });
});

/** A wake-up source the test drives by hand. */
class ManualWakeSignal extends WakeUps implements WakeSignal {
  listen(): Promise<void> {
    return Promise.resolve();
  }
  waitForAppend(seen: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    return this.wait(seen, timeoutMs, signal);
  }
}

describe('LogTail when its reads fail', () => {
  it('read_WhenTheTailCannotReadTheLog_ThenFollowersReadTheStoreAndSeeTheErrorUntilItRecovers', async () => {
    const log = new InMemoryEventStore();
    let down = false;
    const source = {
      readAll: (after: LogPosition | null, limit: number) => (down ? Promise.reject(new Error('database unavailable')) : log.readAll(after, limit)),
      head: async () => (await log.readAll(null, 100_000)).at(-1)?.position ?? null,
    };
    const signal = new ManualWakeSignal();
    const lifetime = new AbortController();
    const logger = { warn: jest.fn(), error: jest.fn(), info: jest.fn(), debug: jest.fn() };
    const tail = new LogTail(source, signal, { windowSize: 100, fetchLimit: 50, minFetchIntervalMs: 0, pollIntervalMs: 20, retryDelayMs: 10 }, lifetime.signal, logger);
    try {
      const first = await log.append('s-1', [anEvent()], 'no_stream');
      await tail.listen();
      expect(await tail.read(null, 10)).toHaveLength(1);
      const seen = tail.seen;
      await log.append('s-1', [anEvent()], 0);
      signal.wake();
      await tail.waitForAppend(seen, 2_000, lifetime.signal);
      expect(await tail.read(first.position, 10)).toHaveLength(1);

      down = true;
      await log.append('s-1', [anEvent()], 1);
      const before = tail.seen;
      signal.wake();
      await tail.waitForAppend(before, 2_000, lifetime.signal);
      await expect(tail.read(first.position, 10)).rejects.toThrow('database unavailable');
      expect(logger.warn).toHaveBeenCalledTimes(1);

      down = false;
      const recovered = await followUntil(() => tail.read(first.position, 10), ['s-1'], 2);
      expect(recovered).toHaveLength(2);
    } finally {
      lifetime.abort();
    }
  });
});
