// The hash-chain migration on a log written before it: every stored event gets its link, the log
// stays immutable afterwards, and reverting restores the earlier schema (running it again re-chains).
import { createTestDatabase, runMigrations, TestDatabase } from '@test/support';
import { randomUUID } from 'crypto';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { contractMetadata } from '../contract/contract-events';
import { AddHashChain1767225600050 } from './add-hash-chain.migration';
import { CreateEventStore1767225600000 } from './create-event-store.migration';
import { expectedHashes, storedChain } from './hash-chain.fixtures';
import { onConnection } from './postgres-event-store.fixtures';
import { eventStoreMigrations } from './postgres-schema';

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase('hash_migration');
  await runMigrations(database.url, [CreateEventStore1767225600000]);
});

afterEach(async () => {
  await database.drop();
});

/** Appends through the append_events of whichever schema is in place (no hash given either way). */
async function appendBatch(client: Client, streamId: string, count: number): Promise<void> {
  const events = Array.from({ length: count }, (_, index) => ({ id: randomUUID(), type: 'Seeded', version: 1, data: { index }, metadata: contractMetadata() }));
  await client.query(`SELECT * FROM append_events($1, 'any', NULL, $2::jsonb)`, [streamId, JSON.stringify(events)]);
}

async function hashColumn(client: Client): Promise<{ is_nullable: string } | undefined> {
  const { rows } = await client.query<{ is_nullable: string }>(`SELECT is_nullable FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'hash'`);
  return rows[0];
}

it('AddHashChain_WhenEventsWereStoredBeforeIt_ThenEveryStreamIsChainedAndTheLogStaysImmutable', async () => {
  const [first, second] = [`site-${randomUUID()}`, `batch-${randomUUID()}`];
  await onConnection(database.url, async (client) => {
    await appendBatch(client, first, 3);
    await appendBatch(client, second, 2);
    await appendBatch(client, first, 2);
  });

  await runMigrations(database.url, eventStoreMigrations);

  for (const [streamId, count] of [[first, 5], [second, 2]] as const) {
    const stored = await storedChain(database.url, streamId);
    expect(stored).toHaveLength(count);
    expect(stored.map((link) => link.hash)).toEqual(expectedHashes(stored));
  }
  await onConnection(database.url, async (client) => {
    expect(await hashColumn(client)).toEqual({ is_nullable: 'NO' });
    const error = await client.query(`UPDATE events SET hash = sha256('forged')`).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: '23001' });
  });
});

it('AddHashChain_WhenRevertedThenRunAgain_ThenTheOldAppendWorksWithoutHashesAndTheRerunChainsEverything', async () => {
  const streamId = `site-${randomUUID()}`;
  await runMigrations(database.url, eventStoreMigrations);
  // Up to and including the hash chain: later migrations are reverted and rerun with it.
  const upToHashChain = eventStoreMigrations.slice(0, eventStoreMigrations.indexOf(AddHashChain1767225600050) + 1);
  await revertMigrationsAfter(database.url, upToHashChain.length);
  const dataSource = new DataSource({ type: 'postgres', url: database.url, migrations: [...upToHashChain], logging: false });
  await dataSource.initialize();
  try {
    await onConnection(database.url, (client) => appendBatch(client, streamId, 2));
    await dataSource.undoLastMigration({ transaction: 'each' });
    await onConnection(database.url, async (client) => {
      expect(await hashColumn(client)).toBeUndefined();
      await appendBatch(client, streamId, 2);
    });

    await dataSource.runMigrations({ transaction: 'each' });
    await runMigrations(database.url, eventStoreMigrations);
    await onConnection(database.url, (client) => appendBatch(client, streamId, 1));
  } finally {
    await dataSource.destroy();
  }
  const stored = await storedChain(database.url, streamId);
  expect(stored.map((link) => link.streamRevision)).toEqual([0, 1, 2, 3, 4]);
  expect(stored.map((link) => link.hash)).toEqual(expectedHashes(stored));
});

/** Reverts every event-store migration after the first `keep` ones. */
async function revertMigrationsAfter(url: string, keep: number): Promise<void> {
  const dataSource = new DataSource({ type: 'postgres', url, migrations: [...eventStoreMigrations], logging: false });
  await dataSource.initialize();
  try {
    for (let n = eventStoreMigrations.length; n > keep; n -= 1) await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
