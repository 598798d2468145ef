// The SQL of an append. One event goes through a single INSERT…SELECT (the cheapest statement that
// both checks the expected revision and inserts); a batch goes through append_events(), which
// inserts every event with one INSERT. Either way an append is one statement in autocommit: one
// round trip, no BEGIN/COMMIT, and that statement also chains each event's hash to the stream's
// (DESIGN §3.6). Exported for tests that must hold an append's transaction open.
import { isUuid, newId } from '@lib/kernel';
import type { QueryConfig } from 'pg';
import { DuplicateEventId } from '../event-store.errors';
import type { EventMetadata, ExpectedRevision, NewEvent, StreamRevision } from '../event-store.port';
import type { LogPosition } from '../log-position';

/** Bound on one append: a command yields a handful of events; bulk imports page through appends. */
export const MAX_EVENTS_PER_APPEND = 10_000;
/** schema_version is an integer column. */
const MAX_SCHEMA_VERSION = 2_147_483_647;

interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly version: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** A validated append: every event has its id, caller-chosen or new. */
export interface PreparedAppend {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly PreparedEvent[];
  /** Ids the caller chose, in batch order: only those can make the append a retry or a duplicate. */
  readonly callerIds: readonly string[];
}

export type AppendRowOutcome =
  | { readonly kind: 'appended'; readonly revision: StreamRevision; readonly position: LogPosition }
  /** The expectation failed; `currentRevision` is null for no stream, undefined when not reported. */
  | { readonly kind: 'refused'; readonly currentRevision: StreamRevision | null | undefined };

export function prepareAppend(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): PreparedAppend {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
  if (events.length === 0) throw new RangeError(`append to ${streamId} needs at least one event`);
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new RangeError(`append to ${streamId} has ${events.length} events, more than ${MAX_EVENTS_PER_APPEND}`);
  }
  assertExpectedRevision(expectedRevision);
  const callerIds: string[] = [];
  const seen = new Set<string>();
  const prepared = events.map((event) => {
    if (event.eventId !== undefined) {
      if (!isUuid(event.eventId)) throw new TypeError(`eventId must be a UUID, got ${String(event.eventId).slice(0, 40)}`);
      // Ids are stored lower-case by PostgreSQL: compare them that way.
      const id = event.eventId.toLowerCase();
      if (seen.has(id)) throw new DuplicateEventId(event.eventId);
      seen.add(id);
      callerIds.push(id);
    }
    return prepareEvent(event);
  });
  return { streamId, expectedRevision, events: prepared, callerIds };
}

function prepareEvent(event: NewEvent): PreparedEvent {
  if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError('event type must be a non-empty string');
  const version = event.schemaVersion ?? 1;
  if (!Number.isSafeInteger(version) || version < 1 || version > MAX_SCHEMA_VERSION) {
    throw new RangeError(`schemaVersion must be an integer from 1 to ${MAX_SCHEMA_VERSION}, got ${version}`);
  }
  if (event.data === undefined) throw new TypeError(`data of ${event.type} must be JSON, got undefined`);
  if (event.metadata === undefined || event.metadata === null) throw new TypeError(`metadata of ${event.type} is required (R9)`);
  return { id: event.eventId?.toLowerCase() ?? newId(), type: event.type, version, data: event.data, metadata: event.metadata };
}

function assertExpectedRevision(expected: ExpectedRevision): void {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected !== 'number' || !Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(`expected revision must be 'any', 'no_stream', 'stream_exists' or an integer from 0, got ${String(expected)}`);
  }
}

/** The expected revision as the SQL functions take it: a kind, and the revision for 'exact'. */
export function expectation(expected: ExpectedRevision): [kind: string, revision: string | null] {
  return typeof expected === 'number' ? ['exact', String(expected)] : [expected, null];
}

// The stream's head (its last revision and hash) is read in the INSERT itself: the new event's
// revision follows it and its hash chains to it (event_link_hash, event_content_digest: see
// add-hash-chain.migration.ts). When the expectation fails, WHERE drops the one row, so a refusal
// inserts nothing and returns no row. recorded_at is set explicitly so the hash covers the stored value.
const APPEND_ONE_SQL = `
INSERT INTO events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, recorded_at, hash)
SELECT $1::uuid, $2::text, next.revision, $5::text, $6::integer, $7::jsonb, $8::jsonb, now(),
       event_link_hash(head.hash, event_content_digest($1::uuid, $2::text, next.revision, $5::text, $6::integer, now(), $7::jsonb, $8::jsonb))
FROM (VALUES (1)) AS one (x)
LEFT JOIN LATERAL (
  SELECT e.stream_revision AS revision, e.hash FROM events e WHERE e.stream_id = $2::text ORDER BY e.stream_revision DESC LIMIT 1
) AS head ON true
CROSS JOIN LATERAL (SELECT coalesce(head.revision, -1) + 1 AS revision) AS next
WHERE CASE $3::text
  WHEN 'any' THEN true
  WHEN 'no_stream' THEN head.revision IS NULL
  WHEN 'stream_exists' THEN head.revision IS NOT NULL
  WHEN 'exact' THEN head.revision IS NOT DISTINCT FROM $4::bigint
END
RETURNING true AS appended, stream_revision AS revision, tx_id::text AS commit_position, seq AS prepare_position`;

const APPEND_BATCH_SQL = `
SELECT appended, revision, commit_position::text AS commit_position, prepare_position
FROM append_events($1::text, $2::text, $3::bigint, $4::jsonb)`;

/** The one statement that performs `append` (named, so each connection prepares it once). */
export function appendStatement(append: PreparedAppend): QueryConfig {
  const [kind, revision] = expectation(append.expectedRevision);
  if (append.events.length === 1) {
    const [event] = append.events;
    return {
      name: 'event_store_append_one',
      text: APPEND_ONE_SQL,
      values: [event.id, append.streamId, kind, revision, event.type, event.version, JSON.stringify(event.data), JSON.stringify(event.metadata)],
    };
  }
  return { name: 'event_store_append_batch', text: APPEND_BATCH_SQL, values: [append.streamId, kind, revision, JSON.stringify(append.events)] };
}

export interface AppendRow {
  appended: boolean;
  revision: string | null;
  commit_position: string | null;
  prepare_position: string | null;
}

/** Reads the rows returned by appendStatement (int8 and xid8 arrive as text). */
export function readAppendRows(rows: readonly AppendRow[]): AppendRowOutcome {
  const [row] = rows;
  if (row === undefined) return { kind: 'refused', currentRevision: undefined };
  if (!row.appended) return { kind: 'refused', currentRevision: row.revision === null ? null : Number(row.revision) };
  if (row.revision === null || row.commit_position === null || row.prepare_position === null) {
    throw new Error('append_events reported an append without its revision and position');
  }
  return {
    kind: 'appended',
    revision: Number(row.revision),
    position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
  };
}
