// Our adapter under benchmark: PostgresEventStore over the benchmark's pool, appending with the
// exact expected revision each writer got back from its previous append.
import type { Pool } from 'pg';
import { ExpectedRevision, NewEvent, PostgresEventStore } from '@lib/event-store';
import type { WriterOperation } from '../support/concurrent-writers';
import { AppendShape, AppendTarget, countRows, SampleFeed, StreamCursor } from './append-target';

export class EventStoreAppends implements AppendTarget {
  readonly label = 'ours (PostgresEventStore)';
  readonly tables = ['events'];
  appended = 0;
  private readonly store: PostgresEventStore;

  constructor(
    private readonly pool: Pool,
    private readonly shape: AppendShape,
    private readonly samples: readonly NewEvent[],
  ) {
    this.store = new PostgresEventStore(pool);
  }

  writer(phase: string, writerIndex: number): WriterOperation {
    const cursor = new StreamCursor(`ours-${phase}-w${writerIndex}`, this.shape.appendsPerStream);
    const feed = new SampleFeed(this.samples, writerIndex * this.shape.eventsPerAppend);
    let expected: ExpectedRevision = 'no_stream';
    return async () => {
      const events = feed.take(this.shape.eventsPerAppend);
      const result = await this.store.append(cursor.streamId, events, cursor.isNewStream ? 'no_stream' : expected);
      cursor.advance();
      expected = result.nextExpectedRevision;
      this.appended += events.length;
      return events.length;
    };
  }

  storedEvents(): Promise<number> {
    return countRows((sql) => this.pool.query(sql), 'events');
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
