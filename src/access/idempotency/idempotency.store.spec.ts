// IdempotencyStore against the real PostgreSQL: claims, replays, mismatches, leases, cleanup.
import { createTestDatabase, runMigrations, TestDatabase } from '@test/support';
import { DataSource } from 'typeorm';
import { accessMigrations } from '../access.migrations';
import { IdempotencyStore } from './idempotency.store';
import { requestFingerprint } from './request-fingerprint';

describe('IdempotencyStore', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let store: IdempotencyStore;
  const scope = '0190f1c2-0000-7000-8000-00000000000a';
  const hash = requestFingerprint('POST', '/v1/companies', { name: 'Volta' });
  const otherHash = requestFingerprint('POST', '/v1/companies', { name: 'Other' });
  const response = { status: 201, headers: { 'x-log-position': '10-3' }, body: '{"id":"c1"}' };
  let keyNumber = 0;
  const freshKey = () => `key-${(keyNumber += 1)}`;

  beforeAll(async () => {
    database = await createTestDatabase('idem_store');
    await runMigrations(database.url, accessMigrations);
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    store = new IdempotencyStore(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('claim_WhenKeyIsNew_ThenRun', async () => {
    expect((await store.claim(scope, freshKey(), hash)).kind).toBe('run');
  });

  it('claim_WhenSameRequestStillRunning_ThenInFlight', async () => {
    const key = freshKey();
    await store.claim(scope, key, hash);
    expect(await store.claim(scope, key, hash)).toEqual({ kind: 'in_flight' });
  });

  it('claim_WhenCompleted_ThenReplayTheStoredResponse', async () => {
    const key = freshKey();
    const claim = await store.claim(scope, key, hash);
    if (claim.kind !== 'run') throw new Error('expected to run');
    await store.complete(scope, key, claim.leaseToken, response);
    expect(await store.claim(scope, key, hash)).toEqual({ kind: 'replay', response });
  });

  it('claim_WhenDifferentRequestUnderSameKey_ThenKeyReused_WhetherRunningOrDone', async () => {
    const key = freshKey();
    const claim = await store.claim(scope, key, hash);
    expect(await store.claim(scope, key, otherHash)).toEqual({ kind: 'key_reused' });
    if (claim.kind !== 'run') throw new Error('expected to run');
    await store.complete(scope, key, claim.leaseToken, response);
    expect(await store.claim(scope, key, otherHash)).toEqual({ kind: 'key_reused' });
  });

  it('claim_WhenSameKeyUnderAnotherApiKey_ThenIndependent', async () => {
    const key = freshKey();
    await store.claim(scope, key, hash);
    expect((await store.claim('0190f1c2-0000-7000-8000-00000000000b', key, otherHash)).kind).toBe('run');
  });

  it('release_WhenClaimReleased_ThenTheNextRequestRuns', async () => {
    const key = freshKey();
    const claim = await store.claim(scope, key, hash);
    if (claim.kind !== 'run') throw new Error('expected to run');
    await store.release(scope, key, claim.leaseToken);
    expect((await store.claim(scope, key, otherHash)).kind).toBe('run');
  });

  it('claim_WhenLeaseLapsed_ThenTheSameRequestTakesOver_AndTheOldHolderCannotComplete', async () => {
    const key = freshKey();
    const first = await store.claim(scope, key, hash);
    if (first.kind !== 'run') throw new Error('expected to run');
    // A crashed holder: its lease ended a second ago.
    await dataSource.query(`UPDATE idempotency_keys SET locked_until = now() - interval '1 second' WHERE scope = $1 AND key = $2`, [scope, key]);
    expect(await store.claim(scope, key, otherHash)).toEqual({ kind: 'key_reused' });
    const second = await store.claim(scope, key, hash);
    expect(second.kind).toBe('run');
    await store.complete(scope, key, first.leaseToken, { ...response, body: '{"stale":true}' });
    expect(await store.claim(scope, key, hash)).toEqual({ kind: 'in_flight' });
    if (second.kind !== 'run') throw new Error('expected to run');
    await store.complete(scope, key, second.leaseToken, response);
    expect(await store.claim(scope, key, hash)).toEqual({ kind: 'replay', response });
  });

  it('claim_WhenManyIdenticalClaimsRace_ThenExactlyOneRuns', async () => {
    const key = freshKey();
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => store.claim(scope, key, hash)));
    expect(outcomes.filter((outcome) => outcome.kind === 'run')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'in_flight')).toHaveLength(9);
  });

  it('deleteExpired_WhenOlderThan48Hours_ThenDeleted_YoungerKept', async () => {
    const oldKey = freshKey();
    const youngKey = freshKey();
    await store.claim(scope, oldKey, hash);
    await store.claim(scope, youngKey, hash);
    await dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '49 hours' WHERE key = $1`, [oldKey]);
    await dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`, [youngKey]);
    expect(await store.deleteExpired()).toBe(1);
    expect((await store.claim(scope, oldKey, otherHash)).kind).toBe('run');
    expect(await store.claim(scope, youngKey, hash)).toEqual({ kind: 'in_flight' });
  });
});
