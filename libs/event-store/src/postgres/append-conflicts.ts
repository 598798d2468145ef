// Explains an append that did not go through: a retry of an append that succeeded (answer what it
// answered), a reused event id (DuplicateEventId), or another writer being first (the revision).
// Only runs on that unhappy path, so it may take extra round trips.
import type { Pool } from 'pg';
import { DuplicateEventId } from '../event-store.errors';
import type { AppendResult, StreamRevision } from '../event-store.port';
import type { PreparedAppend } from './append-statements';

const STORED_IDS_SQL = `
SELECT event_id::text, stream_id, stream_revision, tx_id::text, seq FROM events WHERE event_id = ANY($1::uuid[])`;

const CURRENT_REVISION_SQL = 'SELECT max(stream_revision) AS revision FROM events WHERE stream_id = $1';

interface StoredIdRow {
  event_id: string;
  stream_id: string;
  stream_revision: string;
  tx_id: string;
  seq: string;
}

/**
 * When every id of the append is stored in its stream, consecutively and in order, the append is a
 * retry of one that succeeded: returns that append's result. Returns null when none of the ids is
 * stored. Throws DuplicateEventId for any other reuse of a stored id.
 */
export async function originalResultOfRetry(pool: Pool, append: PreparedAppend): Promise<AppendResult | null> {
  if (append.callerIds.length === 0) return null;
  const { rows } = await pool.query<StoredIdRow>({ name: 'event_store_stored_ids', text: STORED_IDS_SQL, values: [append.callerIds] });
  if (rows.length === 0) return null;
  const storedById = new Map(rows.map((row) => [row.event_id, row]));
  const stored = append.events.map((event) => storedById.get(event.id));
  const first = stored[0];
  const isExactRetry =
    first !== undefined &&
    stored.every((row, offset) => row !== undefined && row.stream_id === append.streamId && Number(row.stream_revision) === Number(first.stream_revision) + offset);
  if (!isExactRetry) {
    const reused = append.callerIds.find((id) => storedById.has(id)) as string;
    throw new DuplicateEventId(reused);
  }
  const last = stored[stored.length - 1] as StoredIdRow;
  return { nextExpectedRevision: Number(last.stream_revision), position: { commit: BigInt(last.tx_id), prepare: BigInt(last.seq) } };
}

export async function currentRevision(pool: Pool, streamId: string): Promise<StreamRevision | 'no_stream'> {
  const { rows } = await pool.query<{ revision: string | null }>({ name: 'event_store_current_revision', text: CURRENT_REVISION_SQL, values: [streamId] });
  const revision = rows[0]?.revision ?? null;
  return revision === null ? 'no_stream' : Number(revision);
}

/** True for PostgreSQL's unique_violation (23505) on `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint: violated } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && violated === constraint;
}
