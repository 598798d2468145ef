// The catch-up horizon (add-read-horizon.migration.ts): only open event writers of this database
// hold readers back. A long transaction elsewhere (another database, or a read-model write here)
// no longer does, and an append held open still is never skipped.
import { randomUUID } from 'crypto';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '@test/support';
import { contractMetadata } from '../contract/contract-events';
import type { NewEvent } from '../event-store.port';
import { PostgresEventStore } from './postgres-event-store';
import { appendStatement, prepareAppend } from './append-statements';
import { createEventStoreDatabase, holdAppend } from './postgres-event-store.fixtures';

const event = (n: number): NewEvent => ({ type: 'Counted', data: { n }, metadata: contractMetadata() });

/** A transaction that has written something (so it holds a transaction id) and stays open. */
async function openWriteTransaction(url: string, sql: string): Promise<{ end(): Promise<void> }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query(sql);
  return {
    end: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

describe('read horizon', () => {
  let database: TestDatabase;
  let other: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createEventStoreDatabase('read_horizon');
    other = await createTestDatabase('read_horizon_other');
    store = new PostgresEventStore(database.url, { poolSize: 2 });
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
    await other?.drop();
  });

  it('ReadAll_WhenAWriteTransactionIsOpenInAnotherDatabase_ThenEventsCommittedSinceAreStillRead', async () => {
    const elsewhere = await openWriteTransaction(other.url, 'CREATE TABLE busy (n int); INSERT INTO busy VALUES (1)');
    try {
      const stream = `s-${randomUUID()}`;
      await store.append(stream, [event(1)], 'no_stream');
      const seen = await store.readAll(null, 1000);
      expect(seen.filter((e) => e.streamId === stream)).toHaveLength(1);
    } finally {
      await elsewhere.end();
    }
  });

  it('ReadAll_WhenAReadModelTransactionIsOpenInThisDatabase_ThenEventsCommittedSinceAreStillRead', async () => {
    const projection = await openWriteTransaction(database.url, 'CREATE TABLE IF NOT EXISTS read_model (n int); INSERT INTO read_model VALUES (1)');
    try {
      const stream = `s-${randomUUID()}`;
      await store.append(stream, [event(1)], 'no_stream');
      const seen = await store.readAll(null, 1000);
      expect(seen.filter((e) => e.streamId === stream)).toHaveLength(1);
    } finally {
      await projection.end();
    }
  });

  it('ReadAll_WhenAnAppendIsHeldOpen_ThenLaterEventsWaitAndNothingIsSkipped', async () => {
    const slow = `slow-${randomUUID()}`;
    const fast = `fast-${randomUUID()}`;
    const held = await holdAppend(database.url, slow, [event(1)]);
    await store.append(fast, [event(2)], 'no_stream');
    const before = await store.readAll(null, 10_000);
    expect(before.some((e) => e.streamId === fast || e.streamId === slow)).toBe(false);
    await held.commit();
    const after = await store.readAll(null, 10_000);
    const ours = after.filter((e) => e.streamId === fast || e.streamId === slow).map((e) => e.streamId);
    expect(ours).toEqual([slow, fast]);
  });

  it('Append_WhenTheTransactionWroteBefore_ThenRefused', async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TABLE IF NOT EXISTS scratch (n int)');
      await client.query('INSERT INTO scratch VALUES (1)');
      await expect(client.query(appendStatement(prepareAppend(`s-${randomUUID()}`, [event(1)], 'no_stream')))).rejects.toThrow(
        /events must be the first write of their transaction/,
      );
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});
