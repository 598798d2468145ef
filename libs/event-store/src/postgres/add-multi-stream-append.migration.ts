// append_to_streams(p_appends): several appends, each to its own stream with its own expected
// revision, in ONE statement (one round trip, one commit). Each append is checked and chained like
// append_events; a refused one inserts nothing and reports the stream's head, the others go in.
// Appends of a group are independent: the group is only a way to share a commit.
// Concurrent writers to one of the streams make the whole statement fail on
// events_stream_revision_key (nothing is inserted); the adapter then appends each one alone.
// Every row is inserted by one INSERT, so events stay the statement's first write
// (add-read-horizon.migration.ts).
import type { MigrationInterface, QueryRunner } from 'typeorm';

const UP = `
CREATE FUNCTION append_to_streams(p_appends jsonb)
RETURNS TABLE (ordinal integer, appended boolean, revision bigint, commit_position xid8, prepare_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_recorded_at timestamptz := now();
BEGIN
  RETURN QUERY
  WITH requested AS (
    SELECT a.ord::integer AS ordinal, a.value->>'stream' AS stream_id, a.value->>'kind' AS kind,
           (a.value->>'revision')::bigint AS expected, a.value->'events' AS events
    FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS a(value, ord)
  ),
  checked AS (
    SELECT r.ordinal, r.stream_id, r.events, h.revision AS current_revision, h.hash AS head_hash,
           CASE r.kind
             WHEN 'any' THEN true
             WHEN 'no_stream' THEN h.revision IS NULL
             WHEN 'stream_exists' THEN h.revision IS NOT NULL
             WHEN 'exact' THEN h.revision IS NOT DISTINCT FROM r.expected
           END AS accepted
    FROM requested r
    LEFT JOIN LATERAL (
      SELECT e.stream_revision AS revision, e.hash FROM events e WHERE e.stream_id = r.stream_id ORDER BY e.stream_revision DESC LIMIT 1
    ) AS h ON true
  ),
  candidates AS (
    -- jsonb_to_recordset turns a JSON null into SQL NULL; data that is JSON null stays JSON null.
    SELECT c.ordinal, c.stream_id, c.head_hash, x.id, x.type, x.version, coalesce(x.data, 'null'::jsonb) AS data, x.metadata, x.ord,
           coalesce(c.current_revision, -1) + x.ord AS revision
    FROM checked c
    CROSS JOIN LATERAL ROWS FROM (jsonb_to_recordset(c.events) AS (id uuid, type text, version integer, data jsonb, metadata jsonb))
      WITH ORDINALITY AS x(id, type, version, data, metadata, ord)
    WHERE c.accepted
  ),
  inserted AS (
    INSERT INTO events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, recorded_at, hash)
    SELECT n.id, n.stream_id, n.revision, n.type, n.version, n.data, n.metadata, v_recorded_at,
           event_chain(event_content_digest(n.id, n.stream_id, n.revision, n.type, n.version, v_recorded_at, n.data, n.metadata), n.head_hash)
             OVER (PARTITION BY n.ordinal ORDER BY n.ord ROWS UNBOUNDED PRECEDING)
    FROM candidates n
    ORDER BY n.ordinal, n.ord
    RETURNING events.seq, events.tx_id, events.stream_id, events.stream_revision
  ),
  heads AS (
    SELECT i.stream_id, max(i.stream_revision) AS revision, max(i.seq) AS seq, (array_agg(i.tx_id))[1] AS tx_id
    FROM inserted i GROUP BY i.stream_id
  )
  SELECT c.ordinal, c.accepted,
         CASE WHEN c.accepted THEN h.revision ELSE c.current_revision END,
         h.tx_id, h.seq
  FROM checked c LEFT JOIN heads h ON c.accepted AND h.stream_id = c.stream_id
  ORDER BY c.ordinal;
END
$$`;

export class AddMultiStreamAppend1767225600070 implements MigrationInterface {
  readonly name = 'AddMultiStreamAppend1767225600070';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(UP);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP FUNCTION IF EXISTS append_to_streams(jsonb)');
  }
}
