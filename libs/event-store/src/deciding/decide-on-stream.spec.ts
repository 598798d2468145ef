// decideOnStream: optimistic concurrency with bounded retries, idempotent no-op commands, and the
// state cache catching up from its revision. Uses a tiny counter decider on the in-memory store.
import { Decider, DomainError } from '@lib/kernel';
import type { EventMetadata, EventStore } from '../event-store.port';
import { InMemoryEventStore } from '../in-memory';
import { ConcurrencyConflict, decideOnStream } from './decide-on-stream';
import { StreamStateCache } from './stream-state-cache';

type CounterEvent = { type: 'Taken'; data: { n: number } };
type Take = { n: number; limit: number };

class OverLimit extends DomainError {
  readonly code = 'TEST.OVER_LIMIT';
  readonly kind = 'rule' as const;
}

const counter: Decider<Take, number, CounterEvent> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.n,
  decide: (command, total) => {
    if (total + command.n > command.limit) throw new OverLimit('over the limit');
    return command.n === 0 ? [] : [{ type: 'Taken', data: { n: command.n } }];
  },
};

const metadata: EventMetadata = {
  actorKeyId: 'k', actorRole: 'operator', companyId: null, correlationId: 'c', causationId: null, occurredAt: '2026-01-01T00:00:00.000Z',
};

/** A store whose every append first lets a rival writer append to the same stream. */
function contendedStore(inner: EventStore, streamId: string): EventStore {
  return Object.assign(Object.create(inner) as EventStore, {
    append: async (...args: Parameters<EventStore['append']>) => {
      await inner.append(streamId, [{ type: 'Taken', data: { n: 0 }, metadata }], 'any');
      return inner.append(...args);
    },
  });
}

describe('decideOnStream', () => {
  let store: InMemoryEventStore;
  beforeEach(() => {
    store = new InMemoryEventStore();
  });
  afterEach(() => store.close());

  it('Decide_WhenNewStream_ThenAppendsAndReturnsStateAndPosition', async () => {
    const result = await decideOnStream(store, 's-1', counter, { n: 3, limit: 10 }, metadata);
    expect(result).toMatchObject({ state: 3, revision: 0, events: [{ type: 'Taken', data: { n: 3 } }] });
    expect(result.position).not.toBeNull();
    const [stored] = await store.readStream('s-1');
    expect(stored.metadata).toEqual(metadata);
  });

  it('Decide_WhenNothingToDo_ThenAppendsNothing', async () => {
    await decideOnStream(store, 's-1', counter, { n: 3, limit: 10 }, metadata);
    const result = await decideOnStream(store, 's-1', counter, { n: 0, limit: 10 }, metadata);
    expect(result).toMatchObject({ state: 3, revision: 0, events: [], position: null });
  });

  it('Decide_WhenManyWritersRace_ThenLimitNeverExceeded', async () => {
    const attempts = Array.from({ length: 20 }, () => decideOnStream(store, 's-1', counter, { n: 1, limit: 10 }, metadata, { maxAttempts: 50 }));
    const results = await Promise.allSettled(attempts);
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(10);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(OverLimit);
    expect(await store.readStream('s-1')).toHaveLength(10);
  });

  it('Decide_WhenStreamKeepsChanging_ThenConcurrencyConflictAfterMaxAttempts', async () => {
    await decideOnStream(store, 's-1', counter, { n: 1, limit: 10 }, metadata);
    const error = await decideOnStream(contendedStore(store, 's-1'), 's-1', counter, { n: 1, limit: 10 }, metadata, { maxAttempts: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyConflict);
    expect(error).toMatchObject({ code: 'CONCURRENCY.CONFLICT', kind: 'conflict', details: { attempts: 3 } });
  });

  it('Decide_WhenCacheIsBehind_ThenCatchesUpFromItsRevision', async () => {
    const cache = new StreamStateCache(10);
    await decideOnStream(store, 's-1', counter, { n: 2, limit: 100 }, metadata, { cache });
    // Another process appends behind this cache's back.
    await store.append('s-1', [{ type: 'Taken', data: { n: 5 }, metadata }], 0);
    const result = await decideOnStream(store, 's-1', counter, { n: 1, limit: 100 }, metadata, { cache });
    expect(result.state).toBe(8);
    expect(cache.get<number>('s-1')).toEqual({ state: 8, revision: 2 });
  });

  it('Cache_WhenOverCapacity_ThenDropsLeastRecentlyUsed', () => {
    const cache = new StreamStateCache(2);
    cache.put('a', 0, 1);
    cache.put('b', 0, 2);
    cache.get('a');
    cache.put('c', 0, 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ state: 1, revision: 0 });
    cache.put('a', -1, 9);
    expect(cache.get('a')).toEqual({ state: 1, revision: 0 });
  });
});
