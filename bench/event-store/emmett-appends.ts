// The peer: @event-driven-io/emmett-postgresql 0.42 over the same pool (so the same connection
// settings and size), appending with the expected stream version its previous append returned.
// Its append is a transaction (BEGIN, SELECT emt_append_to_stream(…), COMMIT) that also upserts a
// row of emt_streams. Note: creating it installs dumbo's global pg type parsers (int8 → BigInt,
// jsonb via its serializer) in this process, so it is created before any measured round.
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, PostgresEventStore as EmmettEventStore } from '@event-driven-io/emmett-postgresql';
import type { Pool } from 'pg';
import type { NewEvent } from '@lib/event-store';
import type { BENCH_EVENT_TYPE, CreditsReservedData } from '../support/bench-events';
import type { WriterOperation } from '../support/concurrent-writers';
import { AppendShape, AppendTarget, countRows, SampleFeed, StreamCursor } from './append-target';

type EmmettEvent = { type: typeof BENCH_EVENT_TYPE; data: CreditsReservedData; metadata: Record<string, unknown> };

export class EmmettAppends implements AppendTarget {
  readonly label = 'emmett-postgresql 0.42';
  readonly tables = ['emt_messages', 'emt_streams'];
  appended = 0;

  private constructor(
    private readonly pool: Pool,
    private readonly store: EmmettEventStore,
    private readonly shape: AppendShape,
    private readonly samples: readonly EmmettEvent[],
  ) {}

  static async create(url: string, pool: Pool, shape: AppendShape, samples: ReadonlyArray<NewEvent<typeof BENCH_EVENT_TYPE, CreditsReservedData>>): Promise<EmmettAppends> {
    // Schema created up front, not by the first append inside a measured round.
    const store = getPostgreSQLEventStore(url, { connectionOptions: { pool }, schema: { autoMigration: 'None' } });
    await store.schema.migrate();
    // The same samples in emmett's event shape; it assigns message ids (UUID v4) itself.
    const emmettSamples = samples.map((event): EmmettEvent => ({ type: event.type, data: event.data, metadata: { ...event.metadata } }));
    return new EmmettAppends(pool, store, shape, emmettSamples);
  }

  writer(phase: string, writerIndex: number): WriterOperation {
    const cursor = new StreamCursor(`emmett-${phase}-w${writerIndex}`, this.shape.appendsPerStream);
    const feed = new SampleFeed(this.samples, writerIndex * this.shape.eventsPerAppend);
    let expected = 0n;
    return async () => {
      const events = feed.take(this.shape.eventsPerAppend);
      const result = await this.store.appendToStream(cursor.streamId, events, {
        expectedStreamVersion: cursor.isNewStream ? STREAM_DOES_NOT_EXIST : expected,
      });
      cursor.advance();
      expected = result.nextExpectedStreamVersion;
      this.appended += events.length;
      return events.length;
    };
  }

  storedEvents(): Promise<number> {
    return countRows((sql) => this.pool.query(sql), 'emt_messages');
  }

  close(): Promise<void> {
    // Over a caller's pool, emmett's close releases nothing; the benchmark ends the pool.
    return this.store.close();
  }
}
