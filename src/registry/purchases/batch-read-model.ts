// Helpers for the read models fed by batch events: picking batch events out of the log, and the
// label a read model needs to print serial numbers (site code, vintage, batch number), which each
// projection keeps in its own table from `BatchIssued`, so it can be rebuilt alone and never waits
// for another projection.
import type { RecordedEvent } from '@lib/event-store';
import { formatSerialRange, SerialRange } from '@lib/kernel';
import type { ProjectionContext } from '@lib/projections';
import { BATCH_EVENT_TYPES, BatchEvent, BatchIssued } from '../batches/batch.events';
import type { IssuedBatch } from '../batches/batch.state';

export interface BatchLabel {
  batchId: string;
  siteId: string;
  siteCode: string;
  vintage: number;
  batchNo: number;
}

const BATCH_TYPES: ReadonlySet<string> = new Set(BATCH_EVENT_TYPES);

/** The batch event a recorded event is, or null for events of other streams. */
export function asBatchEvent(recorded: RecordedEvent): BatchEvent | null {
  return BATCH_TYPES.has(recorded.type) ? ({ type: recorded.type, data: recorded.data } as BatchEvent) : null;
}

export function labelOfBatch(state: IssuedBatch): BatchLabel {
  return { batchId: state.batchId, siteId: state.siteId, siteCode: state.siteCode, vintage: state.vintage, batchNo: state.batchNo };
}

/** `RCC-KAM-2023-0001-000001..000100` for each range, in order. */
export function formatSerials(label: Pick<BatchLabel, 'siteCode' | 'vintage' | 'batchNo'>, ranges: readonly SerialRange[]): string[] {
  return ranges.map((range) => formatSerialRange({ siteCode: label.siteCode, vintage: label.vintage, batchNo: label.batchNo, from: range.from, to: range.to }));
}

/** Columns of a projection's batch label table (see the market migrations). */
export function batchLabelTableSql(table: string): string {
  return `CREATE TABLE ${table} (
    batch_id uuid PRIMARY KEY,
    site_id uuid NOT NULL,
    site_code text NOT NULL,
    vintage integer NOT NULL,
    batch_no integer NOT NULL
  )`;
}

/** Records a batch's label (and in the memo of the current `apply`); a replayed BatchIssued changes nothing. */
export async function rememberBatchLabel(
  context: ProjectionContext,
  logicalTable: string,
  data: BatchIssued['data'],
  memo: Map<string, BatchLabel | null>,
): Promise<void> {
  memo.set(data.batchId, { batchId: data.batchId, siteId: data.siteId, siteCode: data.siteCode, vintage: data.vintage, batchNo: data.batchNo });
  await context.query(
    `INSERT INTO ${context.table(logicalTable)} (batch_id, site_id, site_code, vintage, batch_no)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (batch_id) DO NOTHING`,
    [data.batchId, data.siteId, data.siteCode, data.vintage, data.batchNo],
  );
}

/**
 * Reads the labels of all `batchIds` not memoised yet with one query (instead of one per batch),
 * into the memo of the current `apply`; batches never seen stay unmemoised.
 */
export async function prefetchBatchLabels(
  context: ProjectionContext,
  logicalTable: string,
  batchIds: readonly string[],
  memo: Map<string, BatchLabel | null>,
): Promise<void> {
  const missing = [...new Set(batchIds)].filter((batchId) => !memo.has(batchId));
  if (missing.length === 0) return;
  const { rows } = await context.query<{ batch_id: string; site_id: string; site_code: string; vintage: number; batch_no: number }>(
    `SELECT batch_id, site_id, site_code, vintage, batch_no FROM ${context.table(logicalTable)} WHERE batch_id = ANY($1::uuid[])`,
    [missing],
  );
  for (const row of rows) memo.set(row.batch_id, { batchId: row.batch_id, siteId: row.site_id, siteCode: row.site_code, vintage: row.vintage, batchNo: row.batch_no });
}

/**
 * The label of a batch from a projection's label table, memoised for one `apply` call (pass a
 * fresh Map per call). Null when the batch was never seen: recorded facts are never refused, so
 * rows then keep empty label columns.
 */
export async function batchLabelFrom(
  context: ProjectionContext,
  logicalTable: string,
  batchId: string,
  memo: Map<string, BatchLabel | null>,
): Promise<BatchLabel | null> {
  const known = memo.get(batchId);
  if (known !== undefined) return known;
  const { rows } = await context.query<{ site_id: string; site_code: string; vintage: number; batch_no: number }>(
    `SELECT site_id, site_code, vintage, batch_no FROM ${context.table(logicalTable)} WHERE batch_id = $1`,
    [batchId],
  );
  const label = rows.length === 0 ? null : { batchId, siteId: rows[0].site_id, siteCode: rows[0].site_code, vintage: rows[0].vintage, batchNo: rows[0].batch_no };
  memo.set(batchId, label);
  return label;
}
