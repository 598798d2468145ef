// CheckpointedConsumer's loop on real PostgreSQL (lock, checkpoint) over an in-memory log, with a
// consumer that records what it handles: a second replica stands by until the first stops, then
// continues from the saved checkpoint; when the lock's connection is killed the consumer takes the
// lock again and goes on, so every event is handled (at least once, from the last saved position).
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EventMetadata, InMemoryEventStore, LogPosition } from '@lib/event-store';
import { newId } from '@lib/kernel';
import { createTestDatabase, runMigrations, TestDatabase } from '@test/support';
import { ConsumerLock } from '../lock/consumer-lock';
import { projectionsMigrations } from '../projections.migrations';
import { silentProjectionsLogger } from '../projections-logger';
import { CheckpointedConsumer } from './checkpointed-consumer';

const metadata: EventMetadata = { actorKeyId: null, actorRole: null, companyId: null, correlationId: 'consumer-spec', causationId: null, occurredAt: '2026-03-10T12:00:00.000Z' };
const WAIT_MS = 10_000;

/** Handles each event by remembering its id, saving after every event (so a dead lock connection shows at once). */
class RecordingConsumer extends CheckpointedConsumer {
  readonly handledIds: string[] = [];

  constructor(dataSource: DataSource, private readonly store: InMemoryEventStore) {
    super({ consumer: 'test:recorder', checkpointVersion: 1, dataSource, logger: silentProjectionsLogger, label: 'recorder', retryDelayMs: () => 20, lockRetryMs: 20 });
  }

  get failure(): string | null {
    return this.lastError;
  }

  protected async follow(lock: ConsumerLock): Promise<void> {
    for await (const event of this.store.subscribe(this.progress.position, { signal: this.signal, batchSize: 10 })) {
      this.handledIds.push(event.eventId);
      this.handled(event.position, 1);
      await this.save(lock);
    }
  }
}

describe('CheckpointedConsumer', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const store = new InMemoryEventStore();

  async function append(count: number): Promise<{ ids: string[]; last: LogPosition }> {
    const ids = Array.from({ length: count }, () => newId());
    const stream = `recorded-${newId()}`;
    const { position } = await store.append(stream, ids.map((eventId) => ({ eventId, type: 'Recorded', data: {}, metadata })), 'no_stream');
    return { ids, last: position };
  }

  beforeAll(async () => {
    database = await createTestDatabase('checkpointed_consumer');
    await runMigrations(database.url, projectionsMigrations);
    dataSource = await new DataSource({ type: 'postgres', url: database.url, poolSize: 6 }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('standby_WhenAReplicaHoldsTheLock_ThenTheOtherWaitsAndContinuesFromTheCheckpointOnStop', async () => {
    const first = await append(5);
    const active = new RecordingConsumer(dataSource, store);
    const standby = new RecordingConsumer(dataSource, store);
    active.start();
    expect(await active.waitUntilHandled(first.last, WAIT_MS)).toBe(true);
    standby.start();
    try {
      const second = await append(3);
      expect(await active.waitUntilHandled(second.last, WAIT_MS)).toBe(true);
      expect(standby.running).toBe(false);
      expect(standby.handledIds).toEqual([]);

      await active.stop();
      const third = await append(2);
      expect(await standby.waitUntilHandled(third.last, WAIT_MS)).toBe(true);
      // The successor started at the saved checkpoint: nothing the first one handled again.
      expect(standby.handledIds).toEqual(third.ids);
      expect(active.handledIds).toEqual([...first.ids, ...second.ids]);
    } finally {
      await active.stop();
      await standby.stop();
    }
  });

  it('lockLost_WhenItsConnectionIsKilled_ThenTheConsumerTakesItAgainAndGoesOn', async () => {
    const consumer = new RecordingConsumer(dataSource, store);
    const before = await append(3);
    consumer.start();
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      expect(await consumer.waitUntilHandled(before.last, WAIT_MS)).toBe(true);
      const { rows } = await admin.query<{ pid: number }>(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
      expect(rows).toHaveLength(1);
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);

      const after = await append(4);
      expect(await consumer.waitUntilHandled(after.last, WAIT_MS)).toBe(true);
      expect(consumer.running).toBe(true);
      // It failed saving on the dead connection, then went on with a fresh lock.
      expect(consumer.failure).not.toBeNull();
      for (const id of after.ids) expect(consumer.handledIds).toContain(id);
      const { rows: holders } = await admin.query<{ pid: number }>(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
      expect(holders).toHaveLength(1);
      expect(holders[0].pid).not.toBe(rows[0].pid);
    } finally {
      await admin.end();
      await consumer.stop();
    }
  });
});
