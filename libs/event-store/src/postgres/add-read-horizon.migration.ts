// The catch-up horizon of readAll (DESIGN §3.3), narrowed to this database's event writers.
//
// DESIGN's rule reads rows with tx_id < pg_snapshot_xmin(pg_current_snapshot()). That xmin spans
// every transaction on the server, in every database: a projection's own read-model transaction, a
// report, a test in another database, any of them held every subscriber back until it ended, and
// under load projections lagged one another continuously. What the rule really needs is narrower:
// no transaction that can still insert an event with a smaller tx_id may be in progress.
//
// events_read_horizon() returns the least of
//   - xmax of the current snapshot (the next transaction id: later writers get larger ids), and
//   - the id of every transaction in progress in that snapshot that holds a lock to write `events`.
// Why it is safe (t0 = the statement's snapshot, t1 = the later read of pg_locks, within one call;
// the reading statement runs after the call, with a snapshot taken after t1):
//   - a writer in progress at t1 that had its id before t0 is in the snapshot's in-progress list and
//     holds its `events` lock (see the trigger below): its id bounds the horizon;
//   - a writer that had its id after t0 has an id >= xmax(t0): beyond the horizon;
//   - a writer that committed before t1 is visible to the reading statement.
// This needs every events-writing transaction to take the `events` lock no later than its
// transaction id, i.e. the insert into `events` is its first write. Our appends are single
// statements in autocommit; the statement trigger below refuses anything else, loudly.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddReadHorizon1767225600060 implements MigrationInterface {
  readonly name = 'AddReadHorizon1767225600060';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE FUNCTION events_read_horizon() RETURNS xid8 LANGUAGE sql VOLATILE AS $$
        WITH snapshot AS (SELECT pg_current_snapshot() AS s),
        writers AS (
          SELECT tx.transactionid::text::numeric AS xid32
          FROM pg_locks rel
          JOIN pg_locks tx ON tx.virtualtransaction = rel.virtualtransaction
                           AND tx.locktype = 'transactionid' AND tx.mode = 'ExclusiveLock'
          WHERE rel.locktype = 'relation'
            AND rel.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND rel.relation = 'events'::regclass
            AND rel.mode = 'RowExclusiveLock'
        )
        SELECT least(
          pg_snapshot_xmax(snapshot.s),
          (SELECT min(x) FROM pg_snapshot_xip(snapshot.s) AS x
           WHERE (x::text::numeric % 4294967296) IN (SELECT xid32 FROM writers)))
        FROM snapshot
      $$`);
    await runner.query(`
      CREATE FUNCTION events_first_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
          RAISE EXCEPTION 'events must be the first write of their transaction (append in its own statement)'
            USING ERRCODE = '25000',
                  HINT = 'events_read_horizon() relies on event writers locking events before they get a transaction id';
        END IF;
        RETURN NULL;
      END $$`);
    await runner.query(`
      CREATE TRIGGER events_first_write BEFORE INSERT ON events
      FOR EACH STATEMENT EXECUTE FUNCTION events_first_write()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TRIGGER IF EXISTS events_first_write ON events');
    await runner.query('DROP FUNCTION IF EXISTS events_first_write()');
    await runner.query('DROP FUNCTION IF EXISTS events_read_horizon()');
  }
}

/** One round trip: the horizon below which rows are final. Run it BEFORE the statement that reads. */
export const READ_HORIZON_SQL = 'SELECT events_read_horizon()::text AS horizon';
