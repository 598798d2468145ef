// The limit: the same rows (same columns, same JSON) inserted with one plain INSERT … VALUES per
// append into a table with the events table's columns and defaults but no key, index, constraint
// or trigger, and no expected-revision check: the revision is computed by the writer.
import { randomUUID } from 'crypto';
import type { Pool } from 'pg';
import type { NewEvent } from '@lib/event-store';
import type { WriterOperation } from '../support/concurrent-writers';
import { AppendShape, AppendTarget, countRows, SampleFeed, StreamCursor } from './append-target';

const PLAIN_TABLE = 'plain_events';
const COLUMNS_PER_ROW = 7;

export const CREATE_PLAIN_EVENTS_TABLE = `
CREATE TABLE IF NOT EXISTS ${PLAIN_TABLE} (
  seq             bigint      GENERATED ALWAYS AS IDENTITY,
  tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
  event_id        uuid        NOT NULL,
  stream_id       text        NOT NULL,
  stream_revision bigint      NOT NULL,
  type            text        NOT NULL,
  schema_version  integer     NOT NULL DEFAULT 1,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
)`;

function insertSql(rows: number): string {
  const tuples: string[] = [];
  for (let row = 0; row < rows; row += 1) {
    const first = row * COLUMNS_PER_ROW;
    tuples.push(`($${first + 1}::uuid, $${first + 2}, $${first + 3}::bigint, $${first + 4}, $${first + 5}::integer, $${first + 6}::jsonb, $${first + 7}::jsonb)`);
  }
  return `INSERT INTO ${PLAIN_TABLE} (event_id, stream_id, stream_revision, type, schema_version, data, metadata) VALUES ${tuples.join(', ')}`;
}

export class RawInsertAppends implements AppendTarget {
  readonly label = 'raw INSERT';
  readonly tables = [PLAIN_TABLE];
  appended = 0;
  private readonly sql: string;

  private constructor(
    private readonly pool: Pool,
    private readonly shape: AppendShape,
    private readonly samples: readonly NewEvent[],
  ) {
    this.sql = insertSql(shape.eventsPerAppend);
  }

  static async create(pool: Pool, shape: AppendShape, samples: readonly NewEvent[]): Promise<RawInsertAppends> {
    await pool.query(CREATE_PLAIN_EVENTS_TABLE);
    return new RawInsertAppends(pool, shape, samples);
  }

  writer(phase: string, writerIndex: number): WriterOperation {
    const cursor = new StreamCursor(`raw-${phase}-w${writerIndex}`, this.shape.appendsPerStream);
    const statementName = `bench_raw_insert_${this.shape.eventsPerAppend}`;
    const feed = new SampleFeed(this.samples, writerIndex * this.shape.eventsPerAppend);
    let nextRevision = 0;
    return async () => {
      const count = this.shape.eventsPerAppend;
      if (cursor.isNewStream) nextRevision = 0;
      const events = feed.take(count);
      const values: unknown[] = new Array(count * COLUMNS_PER_ROW);
      for (let i = 0; i < count; i += 1) {
        const event = events[i];
        const at = i * COLUMNS_PER_ROW;
        // The id and the JSON text are the work any writer does per event, so they are timed.
        values[at] = randomUUID();
        values[at + 1] = cursor.streamId;
        values[at + 2] = nextRevision + i;
        values[at + 3] = event.type;
        values[at + 4] = event.schemaVersion ?? 1;
        values[at + 5] = JSON.stringify(event.data);
        values[at + 6] = JSON.stringify(event.metadata);
      }
      // Named: prepared once per connection, like the adapter's statements.
      await this.pool.query({ name: statementName, text: this.sql, values });
      cursor.advance();
      nextRevision += count;
      this.appended += count;
      return count;
    };
  }

  storedEvents(): Promise<number> {
    return countRows((sql) => this.pool.query(sql), PLAIN_TABLE);
  }

  async close(): Promise<void> {
    // The pool belongs to the benchmark.
  }
}
