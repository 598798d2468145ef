// Reading events: the SELECTs of readAll and readStream and the mapping of their rows. Rows come
// in array mode (no per-row object with named keys) and only the columns a RecordedEvent needs.
import type { QueryArrayConfig, QueryConfig } from 'pg';
import type { EventMetadata, RecordedEvent } from '../event-store.port';
import type { LogPosition } from '../log-position';

// recorded_at travels as whole epoch milliseconds: pg's timestamptz text parser took a third of
// the client time of a large readAll, while new Date(number) costs next to nothing.
const COLUMNS =
  'seq, tx_id, event_id, stream_id, stream_revision, type, schema_version, data, metadata, floor(extract(epoch FROM recorded_at) * 1000)::float8';

/**
 * The catch-up rule (DESIGN §3.3): only rows below the horizon, which the caller reads first with
 * READ_HORIZON_SQL in an earlier statement (add-read-horizon.migration.ts says why that order
 * matters). Rows below it are final, and any row committed later has a larger tx_id, so a reader
 * walking (tx_id, seq) never skips an event that commits late. The row comparison walks the
 * (tx_id, seq) index.
 */
const READ_ALL_SQL = `
SELECT ${COLUMNS} FROM events
WHERE tx_id < $4::text::xid8
  AND (tx_id, seq) > ($1::text::xid8, $2::bigint)
ORDER BY tx_id, seq
LIMIT $3`;

const READ_STREAM_SQL = `
SELECT ${COLUMNS} FROM events
WHERE stream_id = $1 AND stream_revision >= $2
ORDER BY stream_revision
LIMIT $3`;

/** `horizon`: from READ_HORIZON_SQL, read in an earlier statement than this one. */
export function readAllQuery(after: LogPosition | null, limit: number, horizon: string): QueryArrayConfig {
  // (0, 0) precedes every row: xids and the identity both start above 0.
  const values = after === null ? ['0', '0', limit, horizon] : [after.commit.toString(), after.prepare.toString(), limit, horizon];
  return { name: 'event_store_read_all', text: READ_ALL_SQL, values, rowMode: 'array' };
}

/** `limit`: most rows, or null for all (LIMIT NULL). */
export function readStreamQuery(streamId: string, fromRevision: number, limit: number | null): QueryArrayConfig {
  return { name: 'event_store_read_stream', text: READ_STREAM_SQL, values: [streamId, fromRevision, limit], rowMode: 'array' };
}

const HEAD_SQL = `
SELECT tx_id::text AS commit, seq::text AS prepare FROM events
WHERE tx_id < $1::text::xid8
ORDER BY tx_id DESC, seq DESC
LIMIT 1`;

/** The last event below `horizon` (from READ_HORIZON_SQL, read in an earlier statement). */
export function headQuery(horizon: string): QueryConfig {
  return { name: 'event_store_head', text: HEAD_SQL, values: [horizon] };
}

/** Row in COLUMNS order, with pg's default parsers: int8 and xid8 as text, jsonb parsed, float8 a number. */
type EventRow = [string, string, string, string, string, string, number, unknown, EventMetadata, number];

export function toRecordedEvent(row: unknown[]): RecordedEvent {
  const [seq, txId, eventId, streamId, streamRevision, type, schemaVersion, data, metadata, recordedAtMs] = row as EventRow;
  return {
    eventId,
    type,
    schemaVersion,
    streamId,
    // A stream stays far below 2^53 events: the conversion is exact.
    streamRevision: Number(streamRevision),
    position: { commit: BigInt(txId), prepare: BigInt(seq) },
    data,
    metadata,
    // Whole milliseconds (floored in SQL, exact in a double): a Date holds no microseconds.
    recordedAt: new Date(recordedAtMs),
  };
}
