// Single-active consumer: a PostgreSQL session-level advisory lock held on a dedicated connection
// for as long as a runner lives. The server drops it when that connection closes, so a killed
// process or a lost network frees the consumer for another replica without any lease to expire.
import { createHash } from 'crypto';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { assertConsumerName } from '../checkpoints/checkpoint-store';
import { queryRows } from '../checkpoints/sql-runner';
import { sleep } from '../log-wait';

export interface AcquireConsumerLockOptions {
  /** Pause between attempts while another process holds the lock. */
  retryMs?: number;
  /** Stops waiting; `acquire` then resolves to null. */
  signal?: AbortSignal;
}

const DEFAULT_RETRY_MS = 1_000;

/**
 * 64-bit lock key from SHA-256 of `consumer:<name>`. `hashtext` would give only 32 bits, and a
 * collision would make two unrelated consumers exclude each other forever.
 */
export function consumerLockKey(consumer: string): bigint {
  const digest = createHash('sha256').update(`consumer:${consumer}`).digest();
  return digest.readBigInt64BE(0);
}

export class ConsumerLock {
  private released = false;

  private constructor(
    readonly consumer: string,
    readonly key: bigint,
    private readonly connection: QueryRunner,
  ) {}

  /** Takes the lock if it is free right now; null when another session holds it. */
  static async tryAcquire(dataSource: DataSource, consumer: string): Promise<ConsumerLock | null> {
    assertConsumerName(consumer);
    const key = consumerLockKey(consumer);
    const connection = dataSource.createQueryRunner('master');
    try {
      await connection.connect();
      const rows = await queryRows<{ locked: boolean }>(connection, 'SELECT pg_try_advisory_lock($1::bigint) AS locked', [key.toString()]);
      if (rows[0]?.locked === true) return new ConsumerLock(consumer, key, connection);
    } catch (error) {
      await connection.release();
      throw error;
    }
    await connection.release();
    return null;
  }

  /** Waits (polling every `retryMs`) until the lock is ours, or resolves null once `signal` aborts. */
  static async acquire(dataSource: DataSource, consumer: string, options: AcquireConsumerLockOptions = {}): Promise<ConsumerLock | null> {
    const retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
    while (!options.signal?.aborted) {
      const lock = await ConsumerLock.tryAcquire(dataSource, consumer);
      if (lock) return lock;
      await sleep(retryMs, options.signal);
    }
    return null;
  }

  /**
   * The dedicated connection holding the lock. Run the consumer's checkpointed transactions on it
   * (see `transaction`): if the connection dies, the lock and any open transaction die together,
   * so a replica that takes over can never race an orphaned write.
   */
  get queryRunner(): QueryRunner {
    this.assertNotReleased();
    return this.connection;
  }

  /** Runs `work` in a transaction on the lock's connection; commits on success, rolls back on error. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    this.assertNotReleased();
    await this.connection.startTransaction();
    let result: T;
    try {
      result = await work(this.connection.manager);
    } catch (error) {
      // A rollback on a dead connection fails too; the original error is the one worth reporting.
      await this.connection.rollbackTransaction().catch(() => undefined);
      throw error;
    }
    await this.connection.commitTransaction();
    return result;
  }

  /** True while this session still holds the lock (false once the connection is gone). */
  async isHeld(): Promise<boolean> {
    if (this.released) return false;
    // A bigint advisory key shows in pg_locks as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
    const unsigned = BigInt.asUintN(64, this.key);
    try {
      const rows = await queryRows<{ held: boolean }>(
        this.connection,
        `SELECT EXISTS (
           SELECT 1 FROM pg_locks
            WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
              AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND objsubid = 1) AS held`,
        [(unsigned >> 32n).toString(), (unsigned & 0xffffffffn).toString()],
      );
      return rows[0]?.held === true;
    } catch {
      return false;
    }
  }

  /** Unlocks and returns the connection to its pool. Safe to call twice and on a dead connection. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    try {
      if (this.connection.isTransactionActive) await this.connection.rollbackTransaction();
      await this.connection.query('SELECT pg_advisory_unlock($1::bigint)', [this.key.toString()]);
    } catch {
      // The connection is broken: the server has ended the session, and the lock with it.
    } finally {
      await this.connection.release();
    }
  }

  private assertNotReleased(): void {
    if (this.released) throw new Error(`Consumer lock ${this.consumer} was released`);
  }
}
