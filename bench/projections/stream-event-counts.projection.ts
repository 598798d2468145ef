// The projection the rebuild benchmark replays: events per stream and the stream's last revision.
// Simple, but written the way read models should be: one set-based upsert per batch (events of
// the batch folded in memory first), through ctx.table() so rebuilds write the fresh copy.
import { MigrationInterface, QueryRunner } from 'typeorm';
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionContext } from '@lib/projections';

export const STREAM_EVENT_COUNTS_TABLE = 'stream_event_counts';

export class CreateStreamEventCounts1767225609000 implements MigrationInterface {
  readonly name = 'CreateStreamEventCounts1767225609000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ${STREAM_EVENT_COUNTS_TABLE} (
        stream_id text PRIMARY KEY,
        event_count bigint NOT NULL CHECK (event_count > 0),
        last_revision bigint NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${STREAM_EVENT_COUNTS_TABLE}`);
  }
}

interface StreamTally {
  events: number;
  lastRevision: number;
}

function tally(events: readonly RecordedEvent[]): Map<string, StreamTally> {
  const byStream = new Map<string, StreamTally>();
  for (const event of events) {
    const tallied = byStream.get(event.streamId);
    if (tallied === undefined) byStream.set(event.streamId, { events: 1, lastRevision: event.streamRevision });
    else {
      tallied.events += 1;
      // Log order follows stream order, so the last seen is the highest; max() keeps it obviously right.
      tallied.lastRevision = Math.max(tallied.lastRevision, event.streamRevision);
    }
  }
  return byStream;
}

export const streamEventCountsProjection: Projection = {
  name: 'bench-stream-event-counts',
  version: 1,
  tables: [STREAM_EVENT_COUNTS_TABLE],
  async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    const byStream = tally(events);
    if (byStream.size === 0) return;
    const table = context.table(STREAM_EVENT_COUNTS_TABLE);
    await context.query(
      `INSERT INTO ${table} AS counted (stream_id, event_count, last_revision)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
       ON CONFLICT (stream_id) DO UPDATE
         SET event_count = counted.event_count + excluded.event_count,
             last_revision = greatest(counted.last_revision, excluded.last_revision)`,
      [[...byStream.keys()], [...byStream.values()].map((t) => t.events), [...byStream.values()].map((t) => t.lastRevision)],
    );
  },
};
