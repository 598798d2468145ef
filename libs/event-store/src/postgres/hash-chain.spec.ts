// The hash chain against the real server: the SQL digest and its TypeScript mirror agree on any
// content, the same input always gives the same hash and any changed field another, every append
// path (one event, a batch, racing writers, a row inserted by hand) links each event to the
// previous one, and the migration backfills a log that existed before it.
import type { TestDatabase } from '@test/support';
import { randomUUID } from 'crypto';
import fc from 'fast-check';
import type { Client } from 'pg';
import { anEvent, contractMetadata, freshStreamId, someEvents } from '../contract/contract-events';
import type { NewEvent } from '../event-store.port';
import { CanonicalEventFields, canonicalEventText, eventContentDigest, linkHash } from './event-hash';
import { expectedHashes, storedChain } from './hash-chain.fixtures';
import { createEventStoreDatabase, onConnection } from './postgres-event-store.fixtures';
import { PostgresEventStore } from './postgres-event-store';

let database: TestDatabase;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await createEventStoreDatabase('hash_chain');
  store = new PostgresEventStore(database.url, { poolSize: 4 });
});

afterAll(async () => {
  await store.close();
  await database.drop();
});

const BASE: CanonicalEventFields = {
  eventId: '0190f1c2-0000-7000-8000-000000000001',
  streamId: 'batch-0190f1c2-0000-7000-8000-00000000000b',
  streamRevision: 4,
  type: 'CreditsReserved',
  schemaVersion: 1,
  recordedAtEpoch: '1767225600.123456',
  // As jsonb prints them (keys by length, then bytes), so SQL hands back the same text.
  dataText: '{"amount": {"value": "1200000", "currency": "USD"}, "quantityKg": 2500}',
  metadataText: '{"actorKeyId": "k1", "occurredAt": "2026-03-01T10:00:00.000Z"}',
};

/** event_content_digest in SQL for these fields, and the fields as PostgreSQL prints them back. */
async function sqlDigest(client: Client, fields: CanonicalEventFields): Promise<{ digest: string; printed: CanonicalEventFields }> {
  const { rows } = await client.query<{ digest: string; epoch: string; data: string; metadata: string }>(
    `WITH input AS (SELECT timestamptz '1970-01-01 00:00:00+00' + ($6::text || ' seconds')::interval AS recorded_at)
     SELECT encode(event_content_digest($1::uuid, $2, $3, $4, $5, recorded_at, $7::jsonb, $8::jsonb), 'hex') AS digest,
            extract(epoch FROM recorded_at)::text AS epoch, $7::jsonb::text AS data, $8::jsonb::text AS metadata
     FROM input`,
    [fields.eventId, fields.streamId, fields.streamRevision, fields.type, fields.schemaVersion, fields.recordedAtEpoch, fields.dataText, fields.metadataText],
  );
  const [row] = rows;
  return { digest: row.digest, printed: { ...fields, recordedAtEpoch: row.epoch, dataText: row.data, metadataText: row.metadata } };
}

describe('the hash of one event', () => {
  it('eventContentDigest_WhenTheSameFieldsAreHashedTwice_ThenTheSameDigestInSqlAndInTypeScript', async () => {
    await onConnection(database.url, async (client) => {
      const first = await sqlDigest(client, BASE);
      const second = await sqlDigest(client, { ...BASE });
      expect(second.digest).toBe(first.digest);
      expect(first.printed).toEqual(BASE);
      expect(eventContentDigest(BASE).toString('hex')).toBe(first.digest);
      expect(eventContentDigest({ ...BASE }).toString('hex')).toBe(first.digest);
    });
  });

  it.each<[keyof CanonicalEventFields, CanonicalEventFields[keyof CanonicalEventFields]]>([
    ['eventId', '0190f1c2-0000-7000-8000-000000000002'],
    ['streamId', 'batch-0190f1c2-0000-7000-8000-00000000000c'],
    ['streamRevision', 5],
    ['type', 'CreditsReleased'],
    ['schemaVersion', 2],
    ['recordedAtEpoch', '1767225600.123457'],
    ['dataText', '{"amount": {"value": "1200000", "currency": "USD"}, "quantityKg": 2501}'],
    ['metadataText', '{"actorKeyId": "k2", "occurredAt": "2026-03-01T10:00:00.000Z"}'],
  ])('eventContentDigest_WhenOnly%sChanges_ThenTheDigestChanges', async (field, value) => {
    const changed = { ...BASE, [field]: value };
    await onConnection(database.url, async (client) => {
      const [before, after] = [await sqlDigest(client, BASE), await sqlDigest(client, changed)];
      expect(after.digest).not.toBe(before.digest);
      expect(after.printed).toEqual(changed);
      expect(eventContentDigest(changed).toString('hex')).toBe(after.digest);
    });
  });

  it('canonicalEventText_WhenAStreamIdOrTypeHoldsTheSeparator_ThenTheLengthPrefixesKeepTheTextsApart', () => {
    // Joined by newlines alone, both would read "…\na\n1\n2\nT\n…".
    const first = { ...BASE, streamId: 'a\n1', streamRevision: 2, type: 'T' };
    const second = { ...BASE, streamId: 'a', streamRevision: 1, type: '2\nT' };
    expect(canonicalEventText(first)).not.toBe(canonicalEventText(second));
    expect(eventContentDigest(first).equals(eventContentDigest(second))).toBe(false);
  });

  it('linkHash_WhenThePreviousHashDiffers_ThenTheLinkDiffers_AndRevisionZeroHasNoPrevious', () => {
    const digest = eventContentDigest(BASE);
    const previous = Buffer.alloc(32, 1);
    expect(linkHash(previous, digest).equals(linkHash(Buffer.alloc(32, 2), digest))).toBe(false);
    expect(linkHash(previous, digest).equals(linkHash(null, digest))).toBe(false);
    expect(linkHash(null, digest).equals(linkHash(null, digest))).toBe(true);
  });
});

// jsonb refuses \u0000 in strings, and text columns refuse NUL.
const noNul = (text: string): boolean => !text.includes('\u0000');
const jsonWithoutNul = fc.jsonValue().filter((value) => noNul(JSON.stringify(value)));
const textWithoutNul = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter(noNul);

describe('SQL and TypeScript agree on stored events', () => {
  it('storedHash_WhenAnyDataMetadataStreamIdAndTypeAreAppended_ThenTheTypeScriptMirrorRecomputesIt', async () => {
    await fc.assert(
      fc.asyncProperty(textWithoutNul, textWithoutNul, fc.array(fc.tuple(jsonWithoutNul, jsonWithoutNul), { minLength: 1, maxLength: 4 }), async (suffix, type, contents) => {
        const streamId = `prop-${randomUUID()}-${suffix}`;
        const events: NewEvent[] = contents.map(([data, extra]) => ({ type, data, metadata: { ...contractMetadata(), extra } as NewEvent['metadata'] }));
        // One event per append, then the rest as one batch: both statements.
        await store.append(streamId, events.slice(0, 1), 'no_stream');
        if (events.length > 1) await store.append(streamId, events.slice(1), 0);
        const stored = await storedChain(database.url, streamId);
        expect(stored.map((link) => link.hash)).toEqual(expectedHashes(stored));
      }),
      { numRuns: 40 },
    );
  });
});

describe('the chain of a stream', () => {
  it('append_WhenEventsGoInOneByOneAndInBatches_ThenEachHashLinksToThePreviousEventsHash', async () => {
    const streamId = freshStreamId('chain');
    await store.append(streamId, [anEvent()], 'no_stream');
    await store.append(streamId, someEvents(3), 0);
    await store.append(streamId, [anEvent()], 3);
    await store.append(streamId, someEvents(2), 4);

    const stored = await storedChain(database.url, streamId);
    expect(stored.map((link) => link.streamRevision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(stored[0].hash).toBe(linkHash(null, eventContentDigest(stored[0])).toString('hex'));
    expect(stored.map((link) => link.hash)).toEqual(expectedHashes(stored));
    expect(new Set(stored.map((link) => link.hash)).size).toBe(7);
  });

  it('append_WhenTwoStreamsGrowSideBySide_ThenEachChainsOnlyToItsOwnEvents', async () => {
    const [left, right] = [freshStreamId('left'), freshStreamId('right')];
    for (let revision = 0; revision < 3; revision += 1) {
      const expected = revision === 0 ? 'no_stream' : revision - 1;
      await store.append(left, [anEvent()], expected);
      await store.append(right, [anEvent()], expected);
    }
    for (const streamId of [left, right]) {
      const stored = await storedChain(database.url, streamId);
      expect(stored.map((link) => link.hash)).toEqual(expectedHashes(stored));
    }
  });

  it('append_WhenTenWritersAppendToOneStreamAtOnceWithAny_ThenTheRevisionsFollowAndEveryLinkHolds', async () => {
    const streamId = freshStreamId('race');
    const writers = Array.from({ length: 10 }, (_, index) => new PostgresEventStore(database.url, { poolSize: 1, applicationName: `race-${index}` }));
    try {
      await Promise.all(writers.map((writer, index) => writer.append(streamId, index % 2 === 0 ? [anEvent()] : someEvents(2), 'any')));
    } finally {
      await Promise.all(writers.map((writer) => writer.close()));
    }
    const stored = await storedChain(database.url, streamId);
    expect(stored.map((link) => link.streamRevision)).toEqual(Array.from({ length: 15 }, (_, revision) => revision));
    expect(stored.map((link) => link.hash)).toEqual(expectedHashes(stored));
  });

  it('insert_WhenARowIsInsertedByHandWithoutAHash_ThenTheTriggerChainsItToItsPredecessor', async () => {
    const streamId = freshStreamId('by-hand');
    await store.append(streamId, someEvents(2), 'no_stream');
    await onConnection(database.url, (client) =>
      client.query(`INSERT INTO events (event_id, stream_id, stream_revision, type, data, metadata) VALUES ($1, $2, 2, 'Imported', '{"n": 1}', '{}')`, [randomUUID(), streamId]),
    );
    await store.append(streamId, [anEvent()], 2);

    const stored = await storedChain(database.url, streamId);
    expect(stored.map((link) => link.streamRevision)).toEqual([0, 1, 2, 3]);
    expect(stored.map((link) => link.hash)).toEqual(expectedHashes(stored));
  });

  it('insert_WhenARowWithoutAHashHasNoStoredPredecessor_ThenItIsRefused', async () => {
    const streamId = freshStreamId('orphan');
    const error = await onConnection(database.url, (client) =>
      client.query(`INSERT INTO events (event_id, stream_id, stream_revision, type, data, metadata) VALUES ($1, $2, 1, 'Imported', '{}', '{}')`, [randomUUID(), streamId]),
    ).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: '23503', message: `events: revision 1 of stream ${streamId} has no stored predecessor to chain to` });
    expect(await storedChain(database.url, streamId)).toEqual([]);
  });
});
