// Fills the events table with a large log quickly, in SQL on the server: chunks of 1,000 events,
// one transaction each (the shape 1,000-event batch appends leave behind: a tx_id per chunk, seq
// in order), the same columns, defaults, constraints and indexes as an append, and the same JSON
// as bench-events.ts. Events are interleaved over many streams (event i goes to stream i mod S, at
// revision i div S), so consecutive log entries belong to different streams as in a live registry.
import { performance } from 'perf_hooks';
import type { Pool } from 'pg';
import { BENCH_EVENT_TYPE, creditsReservedData, creditsReservedMetadata } from './bench-events';

export const LOAD_CHUNK_EVENTS = 1_000;
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

// Per-event fields replace the template's; chunks go in one after another, so each stream's
// revisions follow log order, as appends with an expected revision guarantee.
const LOAD_CHUNK_SQL = `
INSERT INTO events (event_id, stream_id, stream_revision, type, schema_version, data, metadata)
SELECT gen_random_uuid(), 'batch-' || (g.i % $3::bigint), g.i / $3::bigint, $4::text, 1,
       $5::jsonb || jsonb_build_object('purchaseId', gen_random_uuid(), 'invoiceRef', 'INV-2026-' || lpad((g.i % 1000000)::text, 6, '0')),
       $6::jsonb || jsonb_build_object('correlationId', g.correlation, 'idempotencyKey', g.correlation)
FROM (SELECT i, gen_random_uuid()::text AS correlation FROM generate_series($1::bigint, $2::bigint) AS i) AS g
ORDER BY g.i`;

export interface LoadedLog {
  readonly events: number;
  readonly streams: number;
  readonly eventsPerSecond: number;
}

export async function loadLog(pool: Pool, events: number, streams: number, onProgress: (loaded: number) => void): Promise<LoadedLog> {
  const dataTemplate = JSON.stringify(creditsReservedData(0, ZERO_UUID));
  const metadataTemplate = JSON.stringify(creditsReservedMetadata(ZERO_UUID));
  const startedMs = performance.now();
  let lastProgressMs = startedMs;
  for (let first = 0; first < events; first += LOAD_CHUNK_EVENTS) {
    const last = Math.min(events, first + LOAD_CHUNK_EVENTS) - 1;
    await pool.query({ name: 'bench_load_chunk', text: LOAD_CHUNK_SQL, values: [first, last, streams, BENCH_EVENT_TYPE, dataTemplate, metadataTemplate] });
    if (performance.now() - lastProgressMs > 5_000) {
      lastProgressMs = performance.now();
      onProgress(last + 1);
    }
  }
  return { events, streams: Math.min(streams, events), eventsPerSecond: (events * 1_000) / (performance.now() - startedMs) };
}

const READABLE_TIMEOUT_MS = 10 * 60_000;

/**
 * Waits until every loaded event is visible to catch-up readers. readAll only returns events of
 * transactions older than the oldest one open anywhere on the server (the xmin rule); the server is
 * shared, so another process's open transaction can hold ours back for a while.
 */
export async function waitUntilLogReadable(pool: Pool, onWait: (waitedMs: number) => void): Promise<void> {
  const { rows } = await pool.query<{ tx_id: string }>('SELECT tx_id::text AS tx_id FROM events ORDER BY tx_id DESC LIMIT 1');
  if (rows.length === 0) return;
  const startedMs = performance.now();
  let lastReportMs = startedMs;
  for (;;) {
    const check = await pool.query<{ readable: boolean }>('SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::text::xid8 AS readable', [rows[0].tx_id]);
    if (check.rows[0].readable) return;
    const waitedMs = performance.now() - startedMs;
    if (waitedMs > READABLE_TIMEOUT_MS) throw new Error(`The loaded log is still not readable after ${READABLE_TIMEOUT_MS / 1_000} s: a transaction elsewhere stays open`);
    if (performance.now() - lastReportMs > 5_000) {
      lastReportMs = performance.now();
      onWait(waitedMs);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
