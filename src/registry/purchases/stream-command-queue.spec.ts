// StreamCommandQueue (@lib/event-store) on the in-memory store with the real batch decider, as the
// batch writer uses it: parallel commands on one
// batch are decided in order without collisions, refusals stay isolated, every event keeps its own
// command's metadata, and writers in other processes are outlasted by retries.
import { EventMetadata, EventStore, InMemoryEventStore, StreamBusy, StreamCommandQueue, StreamStateCache } from '@lib/event-store';
import { isDomainError, Money } from '@lib/kernel';
import type { BatchCommand } from '../batches/batch.commands';
import { batchDecider } from '../batches/batch.decider';
import type { BatchEvent } from '../batches/batch.events';
import type { BatchState } from '../batches/batch.state';
import { BUYER, issueCommand, LATER, NOW } from '../batches/batch.fixtures';

const STREAM = 'batch-queue-spec';

function metadata(correlationId: string): EventMetadata {
  return { actorKeyId: 'k', actorRole: 'company', companyId: BUYER, correlationId, causationId: null, occurredAt: NOW };
}

const reserve = (purchaseId: string, quantityKg: number): BatchCommand => ({
  type: 'ReserveCredits',
  data: { purchaseId, companyId: BUYER, quantityKg, reservedUntil: LATER, now: NOW },
});

/** Counts appends, and lets a rival writer slip an event in before the first `rivalAppends` of them. */
function countingStore(inner: EventStore, rivalAppends = 0): EventStore & { appends: number } {
  let rivals = rivalAppends;
  const store = Object.assign(Object.create(inner) as EventStore, {
    appends: 0,
    append: async (...args: Parameters<EventStore['append']>) => {
      store.appends += 1;
      if (rivals > 0) {
        rivals -= 1;
        await inner.append(args[0], [{ type: 'BatchRepriced', data: repriced(4800 + rivals), metadata: metadata('rival') }], 'any');
      }
      return inner.append(...args);
    },
  });
  return store;
}

/** Counts stream reads. */
function readCountingStore(inner: EventStore): EventStore & { reads: number } {
  const store = Object.assign(Object.create(inner) as EventStore, {
    reads: 0,
    readStream: async (...args: Parameters<EventStore['readStream']>) => {
      store.reads += 1;
      return inner.readStream(...args);
    },
  });
  return store;
}

function appendedAmount(events: readonly BatchEvent[]): unknown {
  const [reserved] = events;
  return reserved?.type === 'CreditsReserved' ? reserved.data.amount : null;
}

function repriced(dollars: number): BatchEvent['data'] {
  return { batchId: 'b', pricePerTonne: Money.of('USD', dollars * 100).toJSON(), previousPricePerTonne: Money.of('USD', 1).toJSON(), repricedAt: NOW };
}

describe('StreamCommandQueue', () => {
  let inner: InMemoryEventStore;

  beforeEach(async () => {
    inner = new InMemoryEventStore();
    const [issued] = batchDecider.decide(issueCommand(1000), batchDecider.initialState());
    await inner.append(STREAM, [{ type: issued.type, data: issued.data, metadata: metadata('issue') }], 'no_stream');
  });
  afterEach(() => inner.close());

  it('Submit_When40ParallelReservationsOf100On1000_ThenExactly10Succeed_InFewAppends', async () => {
    const store = countingStore(inner);
    const queue = new StreamCommandQueue<BatchCommand, BatchState, BatchEvent>(store, batchDecider, { cache: new StreamStateCache() });
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => queue.submit(STREAM, reserve(`p-${i}`, 100), metadata(`r-${i}`))));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(ok).toHaveLength(10);
    expect(refused.map((e: unknown) => (isDomainError(e) ? e.code : String(e)))).toEqual(Array(30).fill('REGISTRY.INSUFFICIENT_UNITS'));
    // The first command runs alone; the 39 that queued behind it are decided together.
    expect(store.appends).toBeLessThanOrEqual(2);
    const reserved = (await inner.readStream(STREAM)).filter((e) => e.type === 'CreditsReserved');
    expect(reserved).toHaveLength(10);
    const units = reserved.flatMap((e) => (e.data as { serials: { from: number; to: number }[] }).serials);
    expect(units.reduce((sum, r) => sum + r.to - r.from + 1, 0)).toBe(1000);
  });

  it('Submit_WhenGrouped_ThenEachEventCarriesItsOwnCommandsMetadata_AndItsOwnState', async () => {
    const queue = new StreamCommandQueue<BatchCommand, BatchState, BatchEvent>(inner, batchDecider);
    const [first, second] = await Promise.all([queue.submit(STREAM, reserve('p-a', 100), metadata('a')), queue.submit(STREAM, reserve('p-b', 200), metadata('b'))]);
    const stored = (await inner.readStream(STREAM)).filter((e) => e.type === 'CreditsReserved');
    expect(stored.map((e) => [e.metadata.correlationId, (e.data as { purchaseId: string }).purchaseId])).toEqual([
      ['a', 'p-a'],
      ['b', 'p-b'],
    ]);
    // Each answer is the state right after its own command: the first does not see the second.
    expect(first.state.status === 'issued' && [...first.state.reservations.keys()]).toEqual(['p-a']);
    expect(second.state.status === 'issued' && [...second.state.reservations.keys()]).toEqual(['p-a', 'p-b']);
    expect(first.position).not.toBeNull();
  });

  it('Submit_WhenOneCommandOfAGroupIsRefused_ThenTheOthersStillAppend', async () => {
    const queue = new StreamCommandQueue<BatchCommand, BatchState, BatchEvent>(inner, batchDecider);
    const results = await Promise.allSettled([
      queue.submit(STREAM, reserve('p-1', 400), metadata('1')),
      queue.submit(STREAM, reserve('p-2', 0), metadata('2')),
      queue.submit(STREAM, reserve('p-3', 700), metadata('3')),
      queue.submit(STREAM, reserve('p-4', 600), metadata('4')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: { code: 'QUANTITY.INVALID' } });
    expect(results[2]).toMatchObject({ reason: { code: 'REGISTRY.INSUFFICIENT_UNITS' } });
    expect((await inner.readStream(STREAM)).filter((e) => e.type === 'CreditsReserved')).toHaveLength(2);
  });

  it('Submit_WhenAlreadyApplied_ThenNoEventsAndNoPosition', async () => {
    const queue = new StreamCommandQueue<BatchCommand, BatchState, BatchEvent>(inner, batchDecider);
    await queue.submit(STREAM, reserve('p-1', 10), metadata('1'));
    const repeat = await queue.submit(STREAM, reserve('p-1', 10), metadata('1 again'));
    expect(repeat).toMatchObject({ events: [], position: null });
  });

  it('Submit_WhenAnotherProcessAppendsMeanwhile_ThenRetriesOnFreshState', async () => {
    const store = countingStore(inner, 3);
    const queue = new StreamCommandQueue<BatchCommand, BatchState, BatchEvent>(store, batchDecider, { cache: new StreamStateCache() });
    const decision = await queue.submit(STREAM, reserve('p-1', 10), metadata('1'));
    expect(store.appends).toBe(4);
    expect(decision.state.status === 'issued' && decision.state.pricePerTonne.format()).toBe('USD 4,800.00');
    expect(await inner.readStream(STREAM)).toHaveLength(5);
  });

  it('Submit_WhenRivalsWinEveryAttempt_ThenConcurrencyConflictForTheWholeGroup', async () => {
    const store = countingStore(inner, 100);
    const queue = new StreamCommandQueue<BatchCommand, BatchState, BatchEvent>(store, batchDecider, { maxAttempts: 3 });
    const error = await queue.submit(STREAM, reserve('p-1', 10), metadata('1')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONCURRENCY.CONFLICT', details: { attempts: 3 } });
    expect((await inner.readStream(STREAM)).filter((e) => e.type === 'CreditsReserved')).toHaveLength(0);
  });

  it('Submit_WhenTheStateIsCached_ThenAppendsWithoutReadingTheStream', async () => {
    const reads = readCountingStore(inner);
    const queue = new StreamCommandQueue<BatchCommand, BatchState, BatchEvent>(reads, batchDecider, { cache: new StreamStateCache() });
    await queue.submit(STREAM, reserve('p-1', 10), metadata('1'));
    const readsBefore = reads.reads;
    const second = await queue.submit(STREAM, reserve('p-2', 10), metadata('2'));
    expect(reads.reads).toBe(readsBefore);
    expect(second.revision).toBe(2);
    expect(second.state.status === 'issued' && [...second.state.reservations.keys()]).toEqual(['p-1', 'p-2']);
  });

  it('Submit_WhenTheCacheIsStale_ThenTheFailedAppendIsDecidedAgainOnTheStream', async () => {
    const cache = new StreamStateCache();
    const queue = new StreamCommandQueue<BatchCommand, BatchState, BatchEvent>(inner, batchDecider, { cache });
    await queue.submit(STREAM, reserve('p-1', 10), metadata('1'));
    // Another process reprices behind this cache's back.
    await inner.append(STREAM, [{ type: 'BatchRepriced', data: repriced(5000), metadata: metadata('rival') }], 'any');
    const decision = await queue.submit(STREAM, reserve('p-2', 10), metadata('2'));
    expect(decision.revision).toBe(3);
    expect(appendedAmount(decision.events)).toEqual({ currency: 'USD', value: 5000 });
    expect(cache.get('batch-queue-spec')?.revision).toBe(3);
  });

  it('Submit_WhenAStaleCacheWouldRefuse_ThenTheRefusalIsDecidedAgainOnTheStream', async () => {
    const queue = new StreamCommandQueue<BatchCommand, BatchState, BatchEvent>(inner, batchDecider, { cache: new StreamStateCache() });
    const all = await queue.submit(STREAM, reserve('p-1', 1000), metadata('1'));
    // Another process cancels that purchase: the cached batch still shows nothing available.
    const released = batchDecider.decide({ type: 'CancelPurchase', data: { purchaseId: 'p-1', now: NOW } }, all.state);
    await inner.append(STREAM, released.map((event) => ({ type: event.type, data: event.data, metadata: metadata('rival') })), all.revision);
    const decision = await queue.submit(STREAM, reserve('p-2', 600), metadata('2'));
    expect(decision.events.map((event) => event.type)).toEqual(['CreditsReserved']);
    await expect(queue.submit(STREAM, reserve('p-3', 600), metadata('3'))).rejects.toMatchObject({ code: 'REGISTRY.INSUFFICIENT_UNITS' });
  });

  it('Submit_WhenTooManyWait_ThenStreamBusyAtOnce', async () => {
    const queue = new StreamCommandQueue<BatchCommand, BatchState, BatchEvent>(inner, batchDecider, { maxWaiting: 2 });
    const submitted = Array.from({ length: 4 }, (_, i) => queue.submit(STREAM, reserve(`p-${i}`, 1), metadata(String(i))).catch((e: unknown) => e));
    const results = await Promise.all(submitted);
    // The first opened the lane and runs; two more wait; the fourth finds the lane full.
    expect(results[3]).toBeInstanceOf(StreamBusy);
    expect(results.slice(0, 3).every((r) => !(r instanceof Error))).toBe(true);
  });
});
