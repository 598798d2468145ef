// One full pass over the log from position 0, page by page: through our readAll, and through a
// raw keyset-paged SELECT of the same columns (the limit: no xmin rule, no mapping to events).
import { performance } from 'perf_hooks';
import type { Pool } from 'pg';
import { comparePositions, EventStore, LogPosition } from '@lib/event-store';

export interface ReadPass {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

function pass(events: number, startedMs: number): ReadPass {
  const seconds = (performance.now() - startedMs) / 1_000;
  return { events, seconds, eventsPerSecond: events / seconds };
}

/** Reads everything with readAll(after, limit); checks that positions strictly increase. */
export async function readAllPass(store: EventStore, limit: number): Promise<ReadPass> {
  const startedMs = performance.now();
  let after: LogPosition | null = null;
  let events = 0;
  for (;;) {
    const page = await store.readAll(after, limit);
    if (page.length === 0) break;
    if (after !== null && comparePositions(page[0].position, after) <= 0) throw new Error('readAll went backwards');
    after = page[page.length - 1].position;
    events += page.length;
    if (page.length < limit) break;
  }
  return pass(events, startedMs);
}

// Same columns and expressions as the adapter's readAll (event-rows.ts), same (tx_id, seq) walk.
const RAW_PAGE_SQL = `
SELECT seq, tx_id, event_id, stream_id, stream_revision, type, schema_version, data, metadata,
       floor(extract(epoch FROM recorded_at) * 1000)::float8
FROM events WHERE (tx_id, seq) > ($1::text::xid8, $2::bigint) ORDER BY tx_id, seq LIMIT $3`;

/** pg's own row arrays (jsonb parsed, int8 as text), nothing else. */
export async function rawReadPass(pool: Pool, limit: number): Promise<ReadPass> {
  const startedMs = performance.now();
  let after: [string, string] = ['0', '0'];
  let events = 0;
  for (;;) {
    const { rows } = await pool.query<unknown[]>({ name: 'bench_raw_page', text: RAW_PAGE_SQL, values: [...after, limit], rowMode: 'array' });
    if (rows.length === 0) break;
    const last = rows[rows.length - 1];
    after = [String(last[1]), String(last[0])];
    events += rows.length;
    if (rows.length < limit) break;
  }
  return pass(events, startedMs);
}
