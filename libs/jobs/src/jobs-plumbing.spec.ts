// Unit tests of the pure parts of the plumbing: backoff bounds, schema names, policy validation.
import { boundedConcurrency, DEFAULT_JOB_POLICY, toDefaultJobOptions } from './job-defaults';
import { bullBackendOptions, describeConnection, postgresSchemaFor } from './jobs-connection';
import { backoffDelayMs } from './retry-backoff';

describe('jobs plumbing', () => {
  it('backoffDelayMs_WhenAttemptsGrow_ThenDoublesUpToTheCeiling', () => {
    const policy = { initialDelayMs: 100, maxDelayMs: 5_000 };
    const middle = () => 0.5; // jitter factor exactly 1
    expect([1, 2, 3, 4, 6, 7, 50, 10_000].map((attempt) => backoffDelayMs(policy, attempt, middle))).toEqual([
      100, 200, 400, 800, 3_200, 5_000, 5_000, 5_000,
    ]);
    expect(backoffDelayMs(policy, 60, () => 0.999)).toBeLessThanOrEqual(5_000);
    expect(backoffDelayMs(policy, 1, () => 0)).toBe(80);
  });

  it('postgresSchemaFor_WhenPrefixHasDashes_ThenGivesASimpleIdentifier', () => {
    expect(postgresSchemaFor('cobalt-test-jobs-1a2b')).toBe('cobalt_test_jobs_1a2b');
    expect(postgresSchemaFor('Cobalt')).toBe('cobalt');
    expect(postgresSchemaFor('9lives')).toBe('q_9lives');
    expect(() => postgresSchemaFor('x'.repeat(64))).toThrow(/schema name/);
  });

  it('bullBackendOptions_WhenRedisProducer_ThenFailsFastInsteadOfQueueingOffline', () => {
    const options = bullBackendOptions({ connection: { kind: 'redis', url: 'redis://127.0.0.1:6379' }, prefix: 'p' }, 'producer');
    expect(options.prefix).toBe('p');
    expect(options.connection).toMatchObject({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    const worker = bullBackendOptions({ connection: { kind: 'redis', url: 'redis://127.0.0.1:6379' }, prefix: 'p' }, 'worker');
    expect(worker.connection).toMatchObject({ maxRetriesPerRequest: null });
  });

  it('bullBackendOptions_WhenPostgres_ThenPrefixBecomesTheSchema', () => {
    const options = bullBackendOptions({ connection: { kind: 'postgres', url: 'postgres://postgres@127.0.0.1/db' }, prefix: 'run-1' }, 'producer');
    expect(options.connection).toMatchObject({ connectionString: 'postgres://postgres@127.0.0.1/db', schema: 'run_1', migrate: true });
    expect(options.prefix).toBeUndefined();
  });

  it('describeConnection_WhenUrlHasCredentials_ThenLeavesThemOut', () => {
    expect(describeConnection({ kind: 'redis', url: 'redis://user:s3cret@cache.internal:6380/0' })).toBe('redis://cache.internal:6380');
  });

  it('toDefaultJobOptions_WhenDefaults_ThenRetriesWithBackoffAndKeepsCompletedJobsForDays', () => {
    expect(toDefaultJobOptions(DEFAULT_JOB_POLICY)).toEqual({
      attempts: 8,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
    expect(() => toDefaultJobOptions({ ...DEFAULT_JOB_POLICY, attempts: 0 })).toThrow(/attempts/);
  });

  it('boundedConcurrency_WhenOutOfRange_ThenRefuses', () => {
    expect(boundedConcurrency(undefined)).toBe(4);
    expect(boundedConcurrency(64)).toBe(64);
    expect(() => boundedConcurrency(0)).toThrow(/concurrency/);
    expect(() => boundedConcurrency(65)).toThrow(/concurrency/);
    expect(() => boundedConcurrency(1.5)).toThrow(/concurrency/);
  });
});
