// The ledger head against the real server: it equals a digest computed independently from the
// table, follows appends incrementally (as a fresh tracker would compute it), never covers a
// position past a transaction still open, and orders stream ids by code point.
import type { TestDatabase } from '@test/support';
import { createHash } from 'crypto';
import fc from 'fast-check';
import { Pool } from 'pg';
import { setTimeout as sleep } from 'timers/promises';
import { anEvent, freshStreamId, someEvents } from '../contract/contract-events';
import type { LedgerHead } from '../hash-chain.port';
import { formatPosition, hasReached, LogPosition } from '../log-position';
import { compareCodePoints, LedgerHeadTracker, ledgerDigest } from './ledger-head-tracker';
import { createEventStoreDatabase, holdAppend } from './postgres-event-store.fixtures';
import { PostgresEventStore } from './postgres-event-store';
import { poolRows } from './sql-rows';

let database: TestDatabase;
let pool: Pool;
let store: PostgresEventStore;

beforeEach(async () => {
  database = await createEventStoreDatabase('ledger_head');
  pool = new Pool({ connectionString: database.url, max: 3 });
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

/** Liveness bound (about 20 s): the catch-up horizon is server-wide, other suites' transactions may hold it back. */
async function headReaching(tracker: LedgerHeadTracker, position: LogPosition): Promise<LedgerHead> {
  for (let pause = 0; pause < 1000; pause += 1) {
    const head = await tracker.current();
    if (hasReached(head.position, position)) return head;
    await sleep(20);
  }
  throw new Error(`the ledger head never reached ${formatPosition(position)}`);
}

/** The published definition, computed from the table without the tracker. */
async function independentHead(): Promise<Omit<LedgerHead, 'position'>> {
  const { rows } = await pool.query<{ stream_id: string; stream_revision: string; hash: string }>(
    `SELECT DISTINCT ON (stream_id) stream_id, stream_revision::text, encode(hash, 'hex') AS hash FROM events ORDER BY stream_id, stream_revision DESC`,
  );
  const lines = rows
    .sort((a, b) => Buffer.compare(Buffer.from(a.stream_id, 'utf8'), Buffer.from(b.stream_id, 'utf8')))
    .map((row) => `${row.stream_id}:${row.stream_revision}:${row.hash}\n`)
    .join('');
  const [{ count }] = (await pool.query<{ count: number }>('SELECT count(*)::int AS count FROM events')).rows;
  return { digest: createHash('sha256').update(lines, 'utf8').digest('hex'), streams: rows.length, events: count };
}

it('current_WhenTheLogIsEmpty_ThenTheDigestOfNoLinesAtNoPosition', async () => {
  const head = await new LedgerHeadTracker(poolRows(pool)).current();
  expect(head).toEqual({ digest: createHash('sha256').digest('hex'), position: null, streams: 0, events: 0 });
});

it('current_WhenStreamsWereAppended_ThenItMatchesTheDigestComputedFromTheTableAtTheLastPosition', async () => {
  await store.append('site-b', someEvents(2), 'no_stream');
  await store.append('site-a', [anEvent()], 'no_stream');
  await store.append('site-é', [anEvent()], 'no_stream');
  const last = await store.append('site-b', someEvents(3), 1);

  const head = await headReaching(new LedgerHeadTracker(poolRows(pool)), last.position);
  expect(head).toEqual({ ...(await independentHead()), position: last.position });
  expect(head).toMatchObject({ streams: 3, events: 7 });
});

it('current_WhenMoreIsAppended_ThenTheDigestChangesAndEqualsWhatAFreshTrackerComputes', async () => {
  const tracker = new LedgerHeadTracker(poolRows(pool));
  const streamId = freshStreamId('head');
  const first = await headReaching(tracker, (await store.append(streamId, [anEvent()], 'no_stream')).position);

  const unchanged = await tracker.current();
  const grown = await headReaching(tracker, (await store.append(streamId, [anEvent()], 0)).position);
  const widened = await headReaching(tracker, (await store.append(freshStreamId('head'), someEvents(2), 'no_stream')).position);

  expect(unchanged).toEqual(first);
  expect(grown.digest).not.toBe(first.digest);
  expect(grown).toMatchObject({ streams: 1, events: 2 });
  expect(widened).toMatchObject({ streams: 2, events: 4 });
  expect(await headReaching(new LedgerHeadTracker(poolRows(pool)), widened.position as LogPosition)).toEqual(widened);
});

it('current_WhenAnEarlierAppendIsStillOpen_ThenTheHeadStopsBeforeItUntilItCommits', async () => {
  const tracker = new LedgerHeadTracker(poolRows(pool));
  const before = await store.append(freshStreamId('early'), [anEvent()], 'no_stream');
  const held = await holdAppend(database.url, freshStreamId('slow'), [anEvent()]);
  let later: LogPosition;
  try {
    later = (await store.append(freshStreamId('late'), [anEvent()], 'no_stream')).position;
    const head = await headReaching(tracker, before.position);
    // The open transaction holds the horizon: neither it nor anything after it is covered yet.
    expect(head).toMatchObject({ position: before.position, events: 1 });
  } finally {
    await held.commit();
  }
  const head = await headReaching(tracker, later);
  expect(head).toEqual({ ...(await independentHead()), position: later });
  expect(head.events).toBe(3);
});

it('compareCodePoints_WhenStringsAreCompared_ThenTheOrderIsThatOfTheirUtf8Bytes', () => {
  // UTF-16 order would put U+10000 (a surrogate pair) before U+FFFF.
  expect(compareCodePoints('\u{10000}', '\uffff')).toBeGreaterThan(0);
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
      expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))));
    }),
  );
});

it('ledgerDigest_WhenGivenHeads_ThenHashesOneLinePerStreamInTheGivenOrder', () => {
  const expected = createHash('sha256').update('a:0:00\nb:2:ff\n').digest('hex');
  expect(ledgerDigest([['a', 0, '00'], ['b', 2, 'ff']])).toBe(expected);
  expect(ledgerDigest([['b', 2, 'ff'], ['a', 0, '00']])).not.toBe(expected);
});
