// StreamCommandQueue on the in-memory store with the real batch decider: parallel commands on one
// batch are decided in order without collisions, refusals stay isolated, every event keeps its own
// command's metadata, and writers in other processes are outlasted by retries.
import { EventMetadata, EventStore, InMemoryEventStore, StreamStateCache } from '@lib/event-store';
import { isDomainError, Money } from '@lib/kernel';
import type { BatchCommand } from '../batches/batch.commands';
import { batchDecider } from '../batches/batch.decider';
import type { BatchEvent } from '../batches/batch.events';
import type { BatchState } from '../batches/batch.state';
import { BUYER, issueCommand, LATER, NOW } from '../batches/batch.fixtures';
import { StreamBusy, StreamCommandQueue } from './stream-command-queue';

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

  it('Submit_WhenTooManyWait_ThenStreamBusyAtOnce', async () => {
    const queue = new StreamCommandQueue<BatchCommand, BatchState, BatchEvent>(inner, batchDecider, { maxWaiting: 2 });
    const submitted = Array.from({ length: 4 }, (_, i) => queue.submit(STREAM, reserve(`p-${i}`, 1), metadata(String(i))).catch((e: unknown) => e));
    const results = await Promise.all(submitted);
    // The first opened the lane and runs; two more wait; the fourth finds the lane full.
    expect(results[3]).toBeInstanceOf(StreamBusy);
    expect(results.slice(0, 3).every((r) => !(r instanceof Error))).toBe(true);
  });
});
