// Readers that walk the whole log from position 0, one page per call: through our readAll, and
// through a raw keyset-paged SELECT of the same columns (the limit: no xmin rule, no mapping to
// events). Each checks its pass: positions strictly increase, and every event is counted once.
import { performance } from 'perf_hooks';
import type { Pool } from 'pg';
import { comparePositions, EventStore, LogPosition } from '@lib/event-store';

export interface PageRead {
  readonly events: number;
  /** The pass is complete; the next call starts a new pass from position 0. */
  readonly passDone: boolean;
}

export interface LogReader {
  readonly label: string;
  nextPage(): Promise<PageRead>;
  /** Events of the last complete pass. */
  readonly lastPassEvents: number;
}

abstract class PagedReader<TAfter> implements LogReader {
  abstract readonly label: string;
  lastPassEvents = 0;
  private after: TAfter | null = null;
  private passEvents = 0;

  constructor(protected readonly limit: number) {}

  async nextPage(): Promise<PageRead> {
    const { count, last } = await this.readPage(this.after);
    this.passEvents += count;
    // A short page means the head of the log: the pass is over.
    if (count < this.limit) {
      this.lastPassEvents = this.passEvents;
      this.passEvents = 0;
      this.after = null;
      return { events: count, passDone: true };
    }
    this.after = last;
    return { events: count, passDone: false };
  }

  protected abstract readPage(after: TAfter | null): Promise<{ count: number; last: TAfter | null }>;
}

export class EventStoreReader extends PagedReader<LogPosition> {
  readonly label = 'ours (readAll)';

  constructor(
    private readonly store: EventStore,
    limit: number,
  ) {
    super(limit);
  }

  protected async readPage(after: LogPosition | null): Promise<{ count: number; last: LogPosition | null }> {
    const page = await this.store.readAll(after, this.limit);
    if (page.length === 0) return { count: 0, last: after };
    if (after !== null && comparePositions(page[0].position, after) <= 0) throw new Error('readAll went backwards');
    return { count: page.length, last: page[page.length - 1].position };
  }
}

// Same columns and expressions as the adapter's readAll (event-rows.ts), same (tx_id, seq) walk.
const RAW_PAGE_SQL = `
SELECT seq, tx_id, event_id, stream_id, stream_revision, type, schema_version, data, metadata,
       floor(extract(epoch FROM recorded_at) * 1000)::float8
FROM events WHERE (tx_id, seq) > ($1::text::xid8, $2::bigint) ORDER BY tx_id, seq LIMIT $3`;

/** pg's own row arrays (jsonb parsed, int8 as text), nothing else. */
export class RawSelectReader extends PagedReader<[string, string]> {
  readonly label = 'raw SELECT';

  constructor(
    private readonly pool: Pool,
    limit: number,
  ) {
    super(limit);
  }

  protected async readPage(after: [string, string] | null): Promise<{ count: number; last: [string, string] | null }> {
    const from = after ?? ['0', '0'];
    const { rows } = await this.pool.query<unknown[]>({ name: 'bench_raw_page', text: RAW_PAGE_SQL, values: [...from, this.limit], rowMode: 'array' });
    if (rows.length === 0) return { count: 0, last: after };
    const last = rows[rows.length - 1];
    if (after !== null && BigInt(String(last[1])) < BigInt(after[0])) throw new Error('raw SELECT went backwards');
    return { count: rows.length, last: [String(last[1]), String(last[0])] };
  }
}

/** One whole pass, for a baseline or a warm-up: events read and events/s. */
export async function readWholeLog(reader: LogReader): Promise<{ events: number; eventsPerSecond: number }> {
  const startedMs = performance.now();
  for (;;) {
    if ((await reader.nextPage()).passDone) break;
  }
  return { events: reader.lastPassEvents, eventsPerSecond: (reader.lastPassEvents * 1_000) / (performance.now() - startedMs) };
}
