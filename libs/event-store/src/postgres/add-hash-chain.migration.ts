// Tamper evidence (DESIGN §3.6): every stream becomes a hash chain. Adds `events.hash`, the SQL
// functions that compute it, the hashing append_events, a fallback trigger for rows inserted by
// hand, and backfills the rows already stored. The canonical form is documented in event-hash.ts
// (its TypeScript mirror) and in README.md; both must keep matching event_content_digest below.
// Frozen like every migration: a later change of the hash comes as a new migration.
import { MigrationInterface, QueryRunner } from 'typeorm';

const UP = `
ALTER TABLE events ADD COLUMN hash bytea;

-- SHA-256 of an event's canonical text: newline-separated fields, the two free-form text fields
-- (stream id, type) length-prefixed in bytes. data and metadata come last as jsonb text, which is
-- deterministic (sorted keys, fixed spacing) and never holds a raw newline (JSON escapes control
-- characters), so no length prefix is needed for them: measuring would serialise them twice.
-- recorded_at as epoch seconds with six decimals (numeric since PostgreSQL 14). One concat() builds
-- the text in one allocation. STABLE only because convert_to() is; inlined where it is called.
CREATE FUNCTION event_content_digest(
  p_event_id uuid, p_stream_id text, p_stream_revision bigint, p_type text, p_schema_version integer,
  p_recorded_at timestamptz, p_data jsonb, p_metadata jsonb
) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE
RETURN sha256(convert_to(concat(
  p_event_id, E'\\n',
  octet_length(p_stream_id), ':', p_stream_id, E'\\n',
  p_stream_revision, E'\\n',
  octet_length(p_type), ':', p_type, E'\\n',
  p_schema_version, E'\\n',
  extract(epoch FROM p_recorded_at), E'\\n',
  p_data, E'\\n',
  p_metadata), 'UTF8'));

-- The link: SHA-256 of the previous event's hash (none for revision 0) followed by the digest.
CREATE FUNCTION event_link_hash(p_previous bytea, p_digest bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN sha256(coalesce(p_previous, '\\x'::bytea) || p_digest);

-- event_chain(digest, previous) OVER (ORDER BY revision): the hashes of a run of consecutive
-- events, given the hash before the run (NULL at the start of a stream). plpgsql, not SQL: an
-- aggregate's transition function is never inlined and a SQL function call costs more per row.
CREATE FUNCTION event_chain_step(p_link bytea, p_digest bytea, p_previous bytea) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN sha256(coalesce(p_link, p_previous, '\\x'::bytea) || p_digest);
END
$$;

CREATE AGGREGATE event_chain(bytea, bytea) (SFUNC = event_chain_step, STYPE = bytea);

-- Backfill. R8 forbids UPDATE, so the immutability trigger is off for this one statement only.
ALTER TABLE events DISABLE TRIGGER events_immutable;
UPDATE events AS e SET hash = c.hash
FROM (
  SELECT event_id,
         event_chain(event_content_digest(event_id, stream_id, stream_revision, type, schema_version, recorded_at, data, metadata), NULL::bytea)
           OVER (PARTITION BY stream_id ORDER BY stream_revision ROWS UNBOUNDED PRECEDING) AS hash
  FROM events
) AS c
WHERE e.event_id = c.event_id;
ALTER TABLE events ENABLE TRIGGER events_immutable;

ALTER TABLE events
  ALTER COLUMN hash SET NOT NULL,
  ADD CONSTRAINT events_hash_check CHECK (octet_length(hash) = 32);

-- Rows inserted without a hash (by hand, or a bulk loader) are chained here, to the stored
-- predecessor. The adapter's appends bring their hash, so for them this is only the WHEN test.
CREATE FUNCTION events_link_missing_hash() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_previous bytea;
BEGIN
  IF NEW.stream_revision > 0 THEN
    SELECT e.hash INTO v_previous FROM events e WHERE e.stream_id = NEW.stream_id AND e.stream_revision = NEW.stream_revision - 1;
    IF v_previous IS NULL THEN
      RAISE EXCEPTION 'events: revision % of stream % has no stored predecessor to chain to', NEW.stream_revision, NEW.stream_id
        USING ERRCODE = 'foreign_key_violation';
    END IF;
  END IF;
  NEW.hash := event_link_hash(v_previous, event_content_digest(NEW.event_id, NEW.stream_id, NEW.stream_revision, NEW.type,
    NEW.schema_version, NEW.recorded_at, NEW.data, NEW.metadata));
  RETURN NEW;
END
$$;

CREATE TRIGGER events_hash_missing
  BEFORE INSERT ON events
  FOR EACH ROW WHEN (NEW.hash IS NULL) EXECUTE FUNCTION events_link_missing_hash();

-- append_events as before, plus the chain: the stream's head hash is read with its revision, and
-- each event's hash computed in the INSERT itself. Concurrent appends to one stream cannot chain to
-- the same predecessor and both stay: they also compete for the same revision, and the loser gets
-- SQLSTATE 23505 on events_stream_revision_key. recorded_at is set explicitly, so the hash covers
-- exactly the stored value.
CREATE OR REPLACE FUNCTION append_events(
  p_stream_id text,
  p_expected_kind text,
  p_expected_revision bigint,
  p_events jsonb
) RETURNS TABLE (appended boolean, revision bigint, commit_position xid8, prepare_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_current bigint;
  v_head_hash bytea;
  v_refused boolean;
  v_recorded_at timestamptz := now();
BEGIN
  SELECT e.stream_revision, e.hash INTO v_current, v_head_hash
  FROM events e WHERE e.stream_id = p_stream_id ORDER BY e.stream_revision DESC LIMIT 1;

  -- A CASE in an IF condition would end at its first THEN (PL/pgSQL scans to THEN), hence the variable.
  v_refused := CASE p_expected_kind
    WHEN 'any' THEN false
    WHEN 'no_stream' THEN v_current IS NOT NULL
    WHEN 'stream_exists' THEN v_current IS NULL
    WHEN 'exact' THEN v_current IS DISTINCT FROM p_expected_revision
  END;
  IF v_refused IS NULL THEN
    RAISE EXCEPTION 'append_events: unknown expected revision kind %', p_expected_kind
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF v_refused THEN
    RETURN QUERY SELECT false, v_current, NULL::xid8, NULL::bigint;
    RETURN;
  END IF;

  -- ORDER BY the array position so seq and the chain follow stream_revision inside the batch.
  RETURN QUERY
  WITH inserted AS (
    INSERT INTO events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, recorded_at, hash)
    SELECT x.id, p_stream_id, x.revision, x.type, x.version, x.data, x.metadata, v_recorded_at,
           event_chain(event_content_digest(x.id, p_stream_id, x.revision, x.type, x.version, v_recorded_at, x.data, x.metadata), v_head_hash)
             OVER (ORDER BY x.ord ROWS UNBOUNDED PRECEDING)
    FROM (
      -- jsonb_to_recordset turns a JSON null into SQL NULL; data that is JSON null stays JSON null.
      SELECT r.id, r.type, r.version, coalesce(r.data, 'null'::jsonb) AS data, r.metadata, r.ord, coalesce(v_current, -1) + r.ord AS revision
      FROM ROWS FROM (jsonb_to_recordset(p_events) AS (id uuid, type text, version integer, data jsonb, metadata jsonb))
        WITH ORDINALITY AS r(id, type, version, data, metadata, ord)
    ) AS x
    ORDER BY x.ord
    RETURNING events.seq, events.stream_revision
  )
  SELECT true, max(i.stream_revision), pg_current_xact_id(), max(i.seq) FROM inserted i;
END
$$;
`;

// The append_events of CreateEventStore1767225600000, restored verbatim.
const DOWN = `
DROP TRIGGER IF EXISTS events_hash_missing ON events;
DROP FUNCTION IF EXISTS events_link_missing_hash();

CREATE OR REPLACE FUNCTION append_events(
  p_stream_id text,
  p_expected_kind text,
  p_expected_revision bigint,
  p_events jsonb
) RETURNS TABLE (appended boolean, revision bigint, commit_position xid8, prepare_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_current bigint;
  v_refused boolean;
BEGIN
  SELECT max(e.stream_revision) INTO v_current FROM events e WHERE e.stream_id = p_stream_id;

  -- A CASE in an IF condition would end at its first THEN (PL/pgSQL scans to THEN), hence the variable.
  v_refused := CASE p_expected_kind
    WHEN 'any' THEN false
    WHEN 'no_stream' THEN v_current IS NOT NULL
    WHEN 'stream_exists' THEN v_current IS NULL
    WHEN 'exact' THEN v_current IS DISTINCT FROM p_expected_revision
  END;
  IF v_refused IS NULL THEN
    RAISE EXCEPTION 'append_events: unknown expected revision kind %', p_expected_kind
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF v_refused THEN
    RETURN QUERY SELECT false, v_current, NULL::xid8, NULL::bigint;
    RETURN;
  END IF;

  -- ORDER BY the array position so seq follows stream_revision inside the batch.
  RETURN QUERY
  WITH inserted AS (
    INSERT INTO events (event_id, stream_id, stream_revision, type, schema_version, data, metadata)
    SELECT x.id, p_stream_id, coalesce(v_current, -1) + x.ord, x.type, x.version, x.data, x.metadata
    FROM ROWS FROM (jsonb_to_recordset(p_events) AS (id uuid, type text, version integer, data jsonb, metadata jsonb))
      WITH ORDINALITY AS x(id, type, version, data, metadata, ord)
    ORDER BY x.ord
    RETURNING events.seq, events.stream_revision
  )
  SELECT true, max(i.stream_revision), pg_current_xact_id(), max(i.seq) FROM inserted i;
END
$$;

-- Dropping a column is DDL: the immutability trigger (UPDATE, DELETE, TRUNCATE) does not fire.
ALTER TABLE events DROP COLUMN hash;
DROP AGGREGATE IF EXISTS event_chain(bytea, bytea);
DROP FUNCTION IF EXISTS event_chain_step(bytea, bytea, bytea);
DROP FUNCTION IF EXISTS event_link_hash(bytea, bytea);
DROP FUNCTION IF EXISTS event_content_digest(uuid, text, bigint, text, integer, timestamptz, jsonb, jsonb);
`;

export class AddHashChain1767225600050 implements MigrationInterface {
  readonly name = 'AddHashChain1767225600050';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(UP);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(DOWN);
  }
}
