// The single-active consumer lock against the real PostgreSQL, across independent connection pools
// (as two processes or replicas would have).
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@test/support';
import { ConsumerLock, consumerLockKey } from '@lib/projections';

describe('ConsumerLock', () => {
  let database: TestDatabase;
  let replicaA: DataSource;
  let replicaB: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('consumer_lock');
    replicaA = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    replicaB = await new DataSource({ type: 'postgres', url: database.url }).initialize();
  });

  afterAll(async () => {
    await replicaA?.destroy();
    await replicaB?.destroy();
    await database?.drop();
  });

  it('tryAcquire_WhenHeldElsewhere_ThenNullUntilReleased', async () => {
    const held = await ConsumerLock.tryAcquire(replicaA, 'balances');
    expect(held).not.toBeNull();
    expect(await ConsumerLock.tryAcquire(replicaB, 'balances')).toBeNull();

    await held!.release();
    const next = await ConsumerLock.tryAcquire(replicaB, 'balances');
    expect(next).not.toBeNull();
    await next!.release();
  });

  it('tryAcquire_WhenOtherConsumerHeld_ThenIndependent', async () => {
    const first = await ConsumerLock.tryAcquire(replicaA, 'consumer-one');
    const second = await ConsumerLock.tryAcquire(replicaB, 'consumer-two');
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    await first!.release();
    await second!.release();
  });

  it('isHeld_WhenHolderSessionIsKilled_ThenFalseAndAnotherReplicaAcquires', async () => {
    const held = (await ConsumerLock.tryAcquire(replicaA, 'killed-holder'))!;
    expect(await held.isHeld()).toBe(true);
    const pidRows: Array<{ pid: number }> = await held.queryRunner.query('SELECT pg_backend_pid() AS pid');

    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [pidRows[0].pid]);
    } finally {
      await admin.end();
    }

    expect(await held.isHeld()).toBe(false);
    const successor = await ConsumerLock.acquire(replicaB, 'killed-holder', { retryMs: 20 });
    expect(successor).not.toBeNull();
    expect(await successor!.isHeld()).toBe(true);
    await successor!.release();
    await held.release();
  });

  it('acquire_WhenAborted_ThenResolvesNullWithoutTakingTheLock', async () => {
    const held = (await ConsumerLock.tryAcquire(replicaA, 'aborted-wait'))!;
    const controller = new AbortController();
    const waiting = ConsumerLock.acquire(replicaB, 'aborted-wait', { retryMs: 20, signal: controller.signal });
    controller.abort();

    expect(await waiting).toBeNull();
    expect(await held.isHeld()).toBe(true);
    await held.release();
  });

  it('transaction_WhenWorkThrows_ThenRolledBackAndLockStillHeld', async () => {
    const held = (await ConsumerLock.tryAcquire(replicaA, 'transactional'))!;
    await held.queryRunner.query('CREATE TABLE IF NOT EXISTS lock_effects (id int PRIMARY KEY)');

    await held.transaction((manager) => manager.query('INSERT INTO lock_effects VALUES (1)'));
    await expect(
      held.transaction(async (manager) => {
        await manager.query('INSERT INTO lock_effects VALUES (2)');
        throw new Error('apply failed');
      }),
    ).rejects.toThrow('apply failed');

    const rows: Array<{ id: number }> = await replicaB.query('SELECT id FROM lock_effects ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual([1]);
    expect(await held.isHeld()).toBe(true);
    await held.release();
    await expect(held.transaction(async () => undefined)).rejects.toThrow('released');
  });

  it('release_WhenConnectionReturnsToPool_ThenPooledSessionNoLongerHoldsIt', async () => {
    const held = (await ConsumerLock.tryAcquire(replicaA, 'pooled'))!;
    await held.release();
    const rows: Array<{ count: string }> = await replicaA.query(
      "SELECT count(*)::text AS count FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    );
    expect(rows[0].count).toBe('0');
  });

  it('consumerLockKey_WhenSameName_ThenSameSigned64BitKey', () => {
    expect(consumerLockKey('balances')).toBe(consumerLockKey('balances'));
    expect(consumerLockKey('balances')).not.toBe(consumerLockKey('holdings'));
    expect(BigInt.asIntN(64, consumerLockKey('balances'))).toBe(consumerLockKey('balances'));
  });
});
