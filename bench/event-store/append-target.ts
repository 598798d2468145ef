// A system that appends events, as the append benchmarks compare them: our PostgresEventStore,
// a raw INSERT into a plain table (the limit), and emmett-postgresql (a peer). Every writer
// appends to streams of its own with the right expected revision, so no append ever conflicts.
import type { WriterOperation } from '../support/concurrent-writers';

export interface AppendTarget {
  /** Shown in tables, e.g. "raw INSERT". */
  readonly label: string;
  /** Tables it writes, for VACUUM ANALYZE between warm-up and measured rounds. */
  readonly tables: readonly string[];
  /** Events appended through this target so far, checked against what it stored. */
  readonly appended: number;
  /** One writer: each call appends `eventsPerAppend` events to the writer's current stream. */
  writer(phase: string, writerIndex: number): WriterOperation;
  /** Events stored in its tables. */
  storedEvents(): Promise<number>;
  close(): Promise<void>;
}

export interface AppendShape {
  /** Events per append (1 for single appends, 1,000 for batches). */
  readonly eventsPerAppend: number;
  /** Appends a writer makes to one stream before it starts the next. */
  readonly appendsPerStream: number;
}

/** Hands out pre-made sample events in turn, `count` at a time, wrapping around. */
export class SampleFeed<T> {
  private offset: number;

  constructor(
    private readonly samples: readonly T[],
    start: number,
  ) {
    if (samples.length === 0) throw new Error('SampleFeed needs samples');
    this.offset = start % samples.length;
  }

  take(count: number): T[] {
    const taken: T[] = new Array(count);
    for (let i = 0; i < count; i += 1) {
      taken[i] = this.samples[this.offset];
      this.offset = this.offset + 1 === this.samples.length ? 0 : this.offset + 1;
    }
    return taken;
  }
}

/** Which stream a writer appends to, and when it moves to a new one. */
export class StreamCursor {
  private streamNo = 0;
  private appendsInStream = 0;

  constructor(
    private readonly prefix: string,
    private readonly appendsPerStream: number,
  ) {}

  /** `batch-…`: a stream category the app uses, so emmett files it under a type as it would ours. */
  get streamId(): string {
    return `batch-${this.prefix}-${this.streamNo}`;
  }

  /** True when this stream has not been appended to yet. */
  get isNewStream(): boolean {
    return this.appendsInStream === 0;
  }

  /** Call after each successful append. */
  advance(): void {
    this.appendsInStream += 1;
    if (this.appendsInStream === this.appendsPerStream) {
      this.streamNo += 1;
      this.appendsInStream = 0;
    }
  }
}

/** Total events stored in one table (a count, so the check costs nothing in the measured rounds). */
export async function countRows(query: (sql: string) => Promise<{ rows: Array<{ n: string }> }>, table: string): Promise<number> {
  const { rows } = await query(`SELECT count(*)::text AS n FROM ${table}`);
  return Number(rows[0].n);
}
