// Verification against the real server: an intact log passes; each way of rewriting history behind
// the immutability trigger (changed content, a re-hashed row, removed events) is caught at the
// right event; batches smaller than a stream carry the chain across statements. Each case has a
// database of its own, since a verification reads the whole log.
import type { TestDatabase } from '@test/support';
import { Pool } from 'pg';
import { anEvent, someEvents } from '../contract/contract-events';
import type { HashChainReport } from '../hash-chain.port';
import { behindTheTrigger, storedChain } from './hash-chain.fixtures';
import { verifyHashChains } from './hash-chain-verifier';
import { createEventStoreDatabase } from './postgres-event-store.fixtures';
import { PostgresEventStore } from './postgres-event-store';
import { poolRows } from './sql-rows';

let database: TestDatabase;
let pool: Pool;
let store: PostgresEventStore;

beforeEach(async () => {
  database = await createEventStoreDatabase('hash_verify');
  pool = new Pool({ connectionString: database.url, max: 2 });
  // An idle connection the server ends (the shared server is busy) must not crash the suite; a query on it still fails.
  pool.on('error', () => undefined);
  store = new PostgresEventStore(pool);
});

afterEach(async () => {
  try {
    await store.close();
    await pool.end();
  } finally {
    await database.drop();
  }
});

/** Three streams of 4, 3 and 1 events, appended one by one and in batches, interleaved. */
async function appendSomeHistory(): Promise<string[]> {
  const streams = ['batch-a', 'batch-b', 'site-c'];
  await store.append('batch-a', someEvents(2), 'no_stream');
  await store.append('batch-b', [anEvent()], 'no_stream');
  await store.append('site-c', [anEvent()], 'no_stream');
  await store.append('batch-a', [anEvent()], 1);
  await store.append('batch-b', someEvents(2), 0);
  await store.append('batch-a', [anEvent()], 2);
  return streams;
}

function verify(batchSize?: number): Promise<HashChainReport> {
  return verifyHashChains(poolRows(pool), batchSize);
}

async function eventAt(streamId: string, revision: number): Promise<{ eventId: string }> {
  const link = (await storedChain(database.url, streamId)).find((candidate) => candidate.streamRevision === revision);
  if (link === undefined) throw new Error(`no event ${streamId}@${revision}`);
  return link;
}

it('verify_WhenTheLogIsEmpty_ThenOkWithNothingChecked', async () => {
  expect(await verify()).toEqual({ ok: true, eventsChecked: 0, streamsChecked: 0, brokenLinks: 0, firstBrokenLink: null });
});

it.each([1, 2, 3, 1_000])('verify_WhenNothingWasChanged_ThenOkAndEveryEventCounted (batch size %i)', async (batchSize) => {
  await appendSomeHistory();
  expect(await verify(batchSize)).toEqual({ ok: true, eventsChecked: 8, streamsChecked: 3, brokenLinks: 0, firstBrokenLink: null });
});

it.each([1, 2, 1_000])('verify_WhenOneEventsDataWasChanged_ThenThatEventIsTheOneBrokenLink (batch size %i)', async (batchSize) => {
  await appendSomeHistory();
  const target = await eventAt('batch-a', 2);
  await behindTheTrigger(database.url, (client) => client.query(`UPDATE events SET data = '{"index": 99}' WHERE event_id = $1`, [target.eventId]));

  const report = await verify(batchSize);
  expect(report).toMatchObject({ ok: false, eventsChecked: 8, streamsChecked: 3, brokenLinks: 1 });
  expect(report.firstBrokenLink).toMatchObject({ streamId: 'batch-a', streamRevision: 2, eventId: target.eventId, reason: 'hash_mismatch' });
  const [stored] = await pool.query<{ tx_id: string; seq: string }>('SELECT tx_id::text, seq::text FROM events WHERE event_id = $1', [target.eventId]).then((r) => r.rows);
  expect(report.firstBrokenLink?.position).toEqual({ commit: BigInt(stored.tx_id), prepare: BigInt(stored.seq) });
});

it.each([
  ['metadata', `UPDATE events SET metadata = metadata || '{"actorRole": "admin"}' WHERE event_id = $1`],
  ['type', `UPDATE events SET type = 'Forged' WHERE event_id = $1`],
  ['recorded_at', `UPDATE events SET recorded_at = recorded_at - interval '1 microsecond' WHERE event_id = $1`],
  ['schema_version', 'UPDATE events SET schema_version = 2 WHERE event_id = $1'],
])('verify_WhenOneEvents%sWasChanged_ThenThatEventIsNamed', async (_column, sql) => {
  await appendSomeHistory();
  const target = await eventAt('batch-b', 1);
  await behindTheTrigger(database.url, (client) => client.query(sql, [target.eventId]));

  expect(await verify()).toMatchObject({ ok: false, brokenLinks: 1, firstBrokenLink: { streamId: 'batch-b', streamRevision: 1, eventId: target.eventId } });
});

it('verify_WhenAChangedEventWasAlsoReHashed_ThenTheNextEventsLinkBreaks', async () => {
  await appendSomeHistory();
  const [target, next] = [await eventAt('batch-a', 1), await eventAt('batch-a', 2)];
  await behindTheTrigger(database.url, (client) =>
    client.query(
      `UPDATE events SET data = '{"index": 99}',
         hash = event_link_hash((SELECT hash FROM events WHERE stream_id = 'batch-a' AND stream_revision = 0),
                                event_content_digest(event_id, stream_id, stream_revision, type, schema_version, recorded_at, '{"index": 99}', metadata))
       WHERE event_id = $1`,
      [target.eventId],
    ),
  );

  expect(await verify()).toMatchObject({
    ok: false,
    brokenLinks: 1,
    firstBrokenLink: { streamId: 'batch-a', streamRevision: 2, eventId: next.eventId, reason: 'hash_mismatch' },
  });
});

it('verify_WhenAnEventInTheMiddleWasDeleted_ThenTheEventAfterTheGapIsNamed', async () => {
  await appendSomeHistory();
  const [removed, after] = [await eventAt('batch-b', 1), await eventAt('batch-b', 2)];
  await behindTheTrigger(database.url, (client) => client.query('DELETE FROM events WHERE event_id = $1', [removed.eventId]));

  expect(await verify()).toMatchObject({
    ok: false,
    eventsChecked: 7,
    brokenLinks: 1,
    firstBrokenLink: { streamId: 'batch-b', streamRevision: 2, eventId: after.eventId, reason: 'revision_gap' },
  });
});

it('verify_WhenAStreamsFirstEventWasDeleted_ThenItsNewFirstEventIsNamed', async () => {
  await appendSomeHistory();
  const [removed, after] = [await eventAt('batch-a', 0), await eventAt('batch-a', 1)];
  await behindTheTrigger(database.url, (client) => client.query('DELETE FROM events WHERE event_id = $1', [removed.eventId]));

  expect(await verify()).toMatchObject({ ok: false, firstBrokenLink: { streamId: 'batch-a', streamRevision: 1, eventId: after.eventId, reason: 'revision_gap' } });
});

it('verify_WhenSeveralStreamsWereChanged_ThenAllBrokenLinksAreCountedAndTheFirstInStreamOrderIsNamed', async () => {
  await appendSomeHistory();
  const [inSite, inBatch] = [await eventAt('site-c', 0), await eventAt('batch-b', 0)];
  await behindTheTrigger(database.url, (client) =>
    client.query(`UPDATE events SET data = '{"forged": true}' WHERE event_id = ANY($1::uuid[])`, [[inSite.eventId, inBatch.eventId]]),
  );

  expect(await verify(2)).toMatchObject({ ok: false, eventsChecked: 8, brokenLinks: 2, firstBrokenLink: { streamId: 'batch-b', eventId: inBatch.eventId } });
});

it('verifyHashChains_WhenTheBatchSizeIsOutOfBounds_ThenThrowsRangeError', async () => {
  for (const batchSize of [0, 1.5, 10_001]) await expect(verify(batchSize)).rejects.toBeInstanceOf(RangeError);
});
