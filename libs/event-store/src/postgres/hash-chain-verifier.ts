// Recomputes every stream's hash chain (GET /v1/audit/verify). Walks the events table in
// (stream_id, stream_revision) order through its unique index, one bounded batch per statement:
// memory stays flat whatever the log's size, and no transaction stays open (a long snapshot would
// hold back every catch-up reader on the server). Each link is recomputed here, in the
// application, from the stored columns' text (event-hash.ts), and compared with the stored hash.
import type { BrokenLink, BrokenLinkReason, HashChainReport } from '../hash-chain.port';
import { CanonicalEventFields, eventContentDigest, linkHash } from './event-hash';
import type { SqlRows } from './sql-rows';

export const DEFAULT_VERIFY_BATCH_SIZE = 1_000;
const MAX_VERIFY_BATCH_SIZE = 10_000;

// The row comparison walks events_stream_revision_key; rows appended during the walk are seen or
// not, but never half: a stream only grows at its end.
const CHAIN_BATCH_SQL = `
SELECT event_id::text AS event_id, stream_id, stream_revision::text AS stream_revision, type,
       schema_version, extract(epoch FROM recorded_at)::text AS recorded_at_epoch,
       data::text AS data, metadata::text AS metadata, encode(hash, 'hex') AS hash,
       tx_id::text AS commit_position, seq::text AS prepare_position
FROM events
WHERE (stream_id, stream_revision) > ($1::text, $2::bigint)
ORDER BY stream_id, stream_revision
LIMIT $3`;

interface ChainRow {
  event_id: string;
  stream_id: string;
  stream_revision: string;
  type: string;
  schema_version: number;
  recorded_at_epoch: string;
  data: string;
  metadata: string;
  /** NULL only if someone dropped the NOT NULL constraint and blanked it: a mismatch like any other. */
  hash: string | null;
  commit_position: string;
  prepare_position: string;
}

/** The walk's state: where it is in which stream, and what it found so far. */
class ChainWalk {
  private streamId: string | null = null;
  private previousHash: Buffer | null = null;
  private expectedRevision = 0;
  eventsChecked = 0;
  streamsChecked = 0;
  brokenLinks = 0;
  firstBrokenLink: BrokenLink | null = null;

  check(row: ChainRow): void {
    const revision = Number(row.stream_revision);
    if (row.stream_id !== this.streamId) {
      this.streamId = row.stream_id;
      this.previousHash = null;
      this.expectedRevision = 0;
      this.streamsChecked += 1;
    }
    this.eventsChecked += 1;
    const computed = linkHash(this.previousHash, eventContentDigest(canonicalFieldsOf(row, revision)));
    const stored = row.hash === null ? null : Buffer.from(row.hash, 'hex');
    if (revision !== this.expectedRevision) this.broken(row, revision, 'revision_gap');
    else if (stored === null || !stored.equals(computed)) this.broken(row, revision, 'hash_mismatch');
    // The next link is checked against what is stored, so one changed event breaks one link only.
    this.previousHash = stored ?? computed;
    this.expectedRevision = revision + 1;
  }

  report(): HashChainReport {
    const { eventsChecked, streamsChecked, brokenLinks, firstBrokenLink } = this;
    return { ok: brokenLinks === 0, eventsChecked, streamsChecked, brokenLinks, firstBrokenLink };
  }

  private broken(row: ChainRow, revision: number, reason: BrokenLinkReason): void {
    this.brokenLinks += 1;
    this.firstBrokenLink ??= {
      streamId: row.stream_id,
      streamRevision: revision,
      eventId: row.event_id,
      position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
      reason,
    };
  }
}

function canonicalFieldsOf(row: ChainRow, revision: number): CanonicalEventFields {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamRevision: revision,
    type: row.type,
    schemaVersion: row.schema_version,
    recordedAtEpoch: row.recorded_at_epoch,
    dataText: row.data,
    metadataText: row.metadata,
  };
}

export async function verifyHashChains(sql: SqlRows, batchSize = DEFAULT_VERIFY_BATCH_SIZE): Promise<HashChainReport> {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > MAX_VERIFY_BATCH_SIZE) {
    throw new RangeError(`verify batch size must be an integer from 1 to ${MAX_VERIFY_BATCH_SIZE}, got ${batchSize}`);
  }
  const walk = new ChainWalk();
  // ('', -1) precedes every row: revisions start at 0.
  let after: [streamId: string, revision: string] = ['', '-1'];
  for (;;) {
    const rows = await sql<ChainRow>(CHAIN_BATCH_SQL, [after[0], after[1], batchSize]);
    for (const row of rows) walk.check(row);
    if (rows.length < batchSize) return walk.report();
    const last = rows[rows.length - 1];
    after = [last.stream_id, last.stream_revision];
  }
}
