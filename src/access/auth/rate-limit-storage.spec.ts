// The rate limit storage answers exactly as @nestjs/throttler's default storage does, for any
// sequence of requests over time, with and without blocking; and it forgets idle keys.
import { ThrottlerStorageService } from '@nestjs/throttler';
import fc from 'fast-check';
import { SlidingWindowRateLimitStorage } from './rate-limit-storage';

const TTL_MS = 60_000;

interface RecordShape {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

function comparable(record: RecordShape): RecordShape {
  return record.isBlocked ? record : { ...record, timeToBlockExpire: 0 };
}

type Step = { advanceMs: number; key: string };

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  advanceMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_500 }), fc.integer({ min: 20_000, max: 70_000 })),
  key: fc.constantFrom('key:a', 'key:b', 'ip:127.0.0.1'),
});

describe('SlidingWindowRateLimitStorage', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it.each([
    ['with blocking (our configuration: block for the window)', TTL_MS],
    ['without blocking', 0],
  ])('Increment_WhenAnySequence_ThenAnswersAsTheDefaultStorage %s', async (_name, blockDurationMs) => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { maxLength: 120 }), fc.integer({ min: 1, max: 6 }), async (steps, limit) => {
        jest.setSystemTime(new Date('2026-03-01T00:00:00Z'));
        const reference = new ThrottlerStorageService();
        const ours = new SlidingWindowRateLimitStorage(() => Date.now());
        try {
          for (const step of steps) {
            jest.setSystemTime(Date.now() + step.advanceMs);
            const expected = await reference.increment(step.key, TTL_MS, limit, blockDurationMs, 'default');
            const actual = await ours.increment(step.key, TTL_MS, limit, blockDurationMs, 'default');
            // The guard reads timeToBlockExpire only of a blocked key (for Retry-After); for others
            // the default reports leftovers of an old block, which a sweep of idle keys forgets.
            expect(comparable(actual)).toEqual(comparable(expected));
          }
        } finally {
          reference.onApplicationShutdown();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('Increment_WhenAKeyIsSilentForLong_ThenForgotten', async () => {
    const storage = new SlidingWindowRateLimitStorage(() => Date.now());
    await storage.increment('key:a', TTL_MS, 10, TTL_MS, 'default');
    await storage.increment('key:b', TTL_MS, 10, TTL_MS, 'default');
    expect(storage.trackedKeys).toBe(2);
    jest.setSystemTime(Date.now() + 2 * TTL_MS);
    await storage.increment('key:b', TTL_MS, 10, TTL_MS, 'default');
    expect(storage.trackedKeys).toBe(1);
  });

  it('Increment_WhenManyHitsExpire_ThenCountsOnlyTheLiveOnes', async () => {
    const storage = new SlidingWindowRateLimitStorage(() => Date.now());
    for (let index = 0; index < 5_000; index += 1) {
      await storage.increment('key:a', TTL_MS, 1_000_000, TTL_MS, 'default');
      jest.setSystemTime(Date.now() + 20);
    }
    // 5,000 hits 20 ms apart: the last minute holds 3,000 of them (this one included).
    const record = await storage.increment('key:a', TTL_MS, 1_000_000, TTL_MS, 'default');
    expect(record.totalHits).toBe(3_000);
  });
});
