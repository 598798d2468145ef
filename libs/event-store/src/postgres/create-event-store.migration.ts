// Schema of the PostgreSQL event store (DESIGN §3.3): the append-only `events` table, the trigger
// that keeps it immutable, and the `append_events` function the adapter uses for batches.
// No NOTIFY trigger on purpose: a NOTIFY inside the appending transaction takes a cluster-wide lock
// at commit and holds it through the WAL flush, which serialises concurrent appends (halved
// throughput with 8 writers here). The adapter notifies after commit instead (append-notifier.ts).
// The SQL is frozen here on purpose: a migration must keep meaning what it meant when it ran,
// so later changes (e.g. the hash chain's `hash`/`prev_hash` columns) come as new migrations.
import { MigrationInterface, QueryRunner } from 'typeorm';

const UP = `
CREATE TABLE events (
  seq             bigint      GENERATED ALWAYS AS IDENTITY,
  tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
  event_id        uuid        NOT NULL,
  stream_id       text        NOT NULL,
  stream_revision bigint      NOT NULL,
  type            text        NOT NULL,
  schema_version  integer     NOT NULL DEFAULT 1,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  -- The event id is the key. seq needs no index of its own: the identity keeps it unique, and
  -- readers go through (tx_id, seq); one index fewer makes a 1,000-event append ~20% faster.
  CONSTRAINT events_pkey PRIMARY KEY (event_id),
  -- The optimistic-concurrency guard: two writers that read the same revision cannot both insert
  -- the next one; the loser gets SQLSTATE 23505 on this constraint.
  CONSTRAINT events_stream_revision_key UNIQUE (stream_id, stream_revision),
  CONSTRAINT events_stream_revision_check CHECK (stream_revision >= 0),
  CONSTRAINT events_schema_version_check CHECK (schema_version >= 1)
);

-- Catch-up readers walk the log in (tx_id, seq) order.
CREATE INDEX events_tx_id_seq_idx ON events (tx_id, seq);

-- R8: history is never rewritten. Statement-level, so even an UPDATE or DELETE that matches no
-- row is refused, and TRUNCATE (which bypasses row triggers) is refused too.
CREATE FUNCTION events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are immutable: % on table events is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'The event log is append-only (R8); record a correcting event instead.';
END
$$;

CREATE TRIGGER events_immutable
  BEFORE UPDATE OR DELETE OR TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_reject_change();

-- Appends a batch to one stream in one statement (one round trip in autocommit): reads the
-- stream's current revision, checks the expectation, inserts every event with one INSERT.
-- p_expected_kind: 'exact' (then p_expected_revision is the revision), 'no_stream',
-- 'stream_exists' or 'any'. p_events: a JSON array of {id, type, version, data, metadata}, as
-- jsonb: parsed once, its values then copied as they are (json would parse each data twice).
-- Returns appended = false with the current revision (NULL: no stream) when the expectation
-- fails. A writer racing past the check loses on events_stream_revision_key instead.
CREATE FUNCTION append_events(
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
`;

const DOWN = `
DROP FUNCTION IF EXISTS append_events(text, text, bigint, jsonb);
DROP TABLE IF EXISTS events;
DROP FUNCTION IF EXISTS events_reject_change();
`;

export class CreateEventStore1767225600000 implements MigrationInterface {
  readonly name = 'CreateEventStore1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(UP);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(DOWN);
  }
}
