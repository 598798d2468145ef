// Raw events for auditors (GET /v1/audit/events): as stored (no upcasting), with their hash, in
// log order under the catch-up rule of readAll, so paging by the last position never skips an
// event that commits late. One stream goes through the stream index (its positions first, then the
// page's rows); a stream id prefix walks the log index from the cursor and filters, so a rare
// prefix may read far into the log to fill a page.
import type { AuditedEvent, AuditEventQuery } from '../hash-chain.port';
import type { EventMetadata } from '../event-store.port';
import { READ_HORIZON_SQL } from './add-read-horizon.migration';
import type { SqlRows } from './sql-rows';

/** Page size bound of listEvents (the HTTP route caps it lower). */
export const MAX_AUDIT_PAGE_SIZE = 1_000;

const COLUMNS = `seq::text AS prepare_position, tx_id::text AS commit_position, event_id::text AS event_id, stream_id,
  stream_revision::text AS stream_revision, type, schema_version, data, metadata,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at, encode(hash, 'hex') AS hash`;

// $5: the horizon, read by an earlier statement (add-read-horizon.migration.ts).
const READABLE_AFTER = `tx_id < $5::text::xid8 AND (tx_id, seq) > ($1::text::xid8, $2::bigint)`;

// `$4 IS NULL`: the unused filter slot, typed so that every query has the same parameter list.
const ALL_SQL = `SELECT ${COLUMNS} FROM events WHERE $4::text IS NULL AND ${READABLE_AFTER} ORDER BY tx_id, seq LIMIT $3`;
// MATERIALIZED keeps the planner from walking the whole log index in search of one stream's rows.
const STREAM_SQL = `
WITH stream AS MATERIALIZED (SELECT tx_id, seq FROM events WHERE stream_id = $4)
SELECT ${COLUMNS} FROM events
WHERE (tx_id, seq) IN (SELECT tx_id, seq FROM stream WHERE ${READABLE_AFTER} ORDER BY tx_id, seq LIMIT $3)
ORDER BY tx_id, seq`;
// starts_with, not LIKE: a prefix holding % or _ means itself.
const PREFIX_SQL = `SELECT ${COLUMNS} FROM events WHERE starts_with(stream_id, $4) AND ${READABLE_AFTER} ORDER BY tx_id, seq LIMIT $3`;

interface AuditRow {
  prepare_position: string;
  commit_position: string;
  event_id: string;
  stream_id: string;
  stream_revision: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: string;
  hash: string;
}

export async function listAuditEvents(sql: SqlRows, query: AuditEventQuery): Promise<AuditedEvent[]> {
  const { after, limit, streamId, streamPrefix } = query;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE_SIZE) {
    throw new RangeError(`audit page size must be an integer from 1 to ${MAX_AUDIT_PAGE_SIZE}, got ${limit}`);
  }
  if (streamId !== undefined && streamPrefix !== undefined) throw new TypeError('streamId and streamPrefix exclude each other');
  // (0, 0) precedes every row: xids and the identity both start above 0.
  const values: unknown[] = after === null ? ['0', '0', limit] : [after.commit.toString(), after.prepare.toString(), limit];
  let text = ALL_SQL;
  if (streamId !== undefined) {
    text = STREAM_SQL;
    values.push(streamId);
  } else if (streamPrefix !== undefined) {
    text = PREFIX_SQL;
    values.push(streamPrefix);
  } else {
    values.push(null);
  }
  const [{ horizon }] = await sql<{ horizon: string }>(READ_HORIZON_SQL, []);
  values.push(horizon);
  const rows = await sql<AuditRow>(text, values);
  return rows.map(toAuditedEvent);
}

function toAuditedEvent(row: AuditRow): AuditedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    streamRevision: Number(row.stream_revision),
    position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
    data: row.data,
    metadata: row.metadata,
    // Milliseconds for the Date (it holds no more); the exact text keeps the microseconds.
    recordedAt: new Date(row.recorded_at.slice(0, 23) + 'Z'),
    recordedAtExact: row.recorded_at,
    hash: row.hash,
  };
}
