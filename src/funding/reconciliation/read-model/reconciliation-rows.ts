// Reading the `reconciliation` read model: line lookups for commands that name a line, the records
// a line may match, and a period's lines and totals. Commands that name something by id wait
// (bounded) for the projection to reach the log head before they answer 404.
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, LogPosition } from '@lib/event-store';
import { CheckpointStore, projectionConsumer } from '@lib/projections';
import { DataSource } from 'typeorm';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import type { MatchTargetKind } from '../statement.events';
import { RECONCILIATION_PROJECTION, reconciliationProjection } from './reconciliation.projection';

export interface LineRow {
  line_id: string;
  statement_id: string;
  line_index: number;
  line_no: number;
  /** `YYYY-MM-DD` (selected as text). */
  value_date: string;
  period: string;
  currency: string;
  /** bigint columns arrive as text. */
  amount_minor: string;
  reference: string;
  counterparty: string;
  status: 'unmatched' | 'matched' | 'explained';
  target_kind: MatchTargetKind | null;
  target_id: string | null;
  outcome: string | null;
  match_mode: string | null;
  explanation: string | null;
  resolved_at: Date | null;
}

export interface TargetRow {
  kind: MatchTargetKind;
  target_id: string;
  reference: string;
  source_stream: string;
  batch_id: string | null;
  currency: string;
  amount_minor: string;
}

export const LINE_COLUMNS =
  "line_id, statement_id, line_index, line_no, to_char(value_date, 'YYYY-MM-DD') AS value_date, period, currency, amount_minor, " +
  'reference, counterparty, status, target_kind, target_id, outcome, match_mode, explanation, resolved_at';

const TARGET_COLUMNS = 'kind, target_id, reference, source_stream, batch_id, currency, amount_minor';

/** Events read ahead of the projection to find the log head; a bound on the work of one lookup. */
const HEAD_SCAN_LIMIT = 1_000;

@Injectable()
export class ReconciliationRows {
  private readonly checkpoints: CheckpointStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly projections: ProjectionsHost,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {
    this.checkpoints = new CheckpointStore(dataSource);
  }

  async line(lineId: string): Promise<LineRow | null> {
    const rows: LineRow[] = await this.dataSource.query(`SELECT ${LINE_COLUMNS} FROM reconciliation_lines WHERE line_id = $1`, [lineId]);
    return rows[0] ?? null;
  }

  async lineOrWaitForHead(lineId: string): Promise<LineRow | null> {
    return (await this.line(lineId)) ?? ((await this.waitForHead()) ? this.line(lineId) : null);
  }

  async target(kind: MatchTargetKind, id: string): Promise<TargetRow | null> {
    const rows: TargetRow[] = await this.dataSource.query(`SELECT ${TARGET_COLUMNS} FROM reconciliation_targets WHERE kind = $1 AND target_id = $2`, [kind, id]);
    return rows[0] ?? null;
  }

  async targetOrWaitForHead(kind: MatchTargetKind, id: string): Promise<TargetRow | null> {
    return (await this.target(kind, id)) ?? ((await this.waitForHead()) ? this.target(kind, id) : null);
  }

  /** Records of `kind` with one of `references` and exactly this amount, not matched by any line yet. */
  async unmatchedTargets(kind: MatchTargetKind, references: readonly string[], currency: string, amountMinor: bigint): Promise<TargetRow[]> {
    if (references.length === 0) return [];
    return this.dataSource.query(
      `SELECT ${TARGET_COLUMNS} FROM reconciliation_targets t
        WHERE t.kind = $1 AND t.reference = ANY($2::text[]) AND t.currency = $3 AND t.amount_minor = $4
          AND NOT EXISTS (SELECT 1 FROM reconciliation_lines l WHERE l.target_kind = t.kind AND l.target_id = t.target_id)
        ORDER BY t.target_id LIMIT 10`,
      [kind, references, currency, amountMinor.toString()],
    );
  }

  /** Waits (bounded) until the projection has applied what the log held now; false when there was nothing to wait for. */
  async waitForHead(): Promise<boolean> {
    const head = await this.logHeadAheadOfProjection();
    if (head === null) return false;
    await this.projections.waitForPosition(head, this.projections.readWaitMs, [RECONCILIATION_PROJECTION]);
    return true;
  }

  /** True once the projection has applied what the log held now (at most `timeoutMs`). */
  async catchUp(timeoutMs: number): Promise<boolean> {
    const head = await this.logHeadAheadOfProjection();
    return head === null || this.projections.waitForPosition(head, timeoutMs, [RECONCILIATION_PROJECTION]);
  }

  /** Waits (at most `timeoutMs`) until the projection has applied `position`. */
  reach(position: LogPosition, timeoutMs: number): Promise<boolean> {
    return this.projections.waitForPosition(position, timeoutMs, [RECONCILIATION_PROJECTION]);
  }

  private async logHeadAheadOfProjection(): Promise<LogPosition | null> {
    const checkpoint = await this.checkpoints.load(projectionConsumer(RECONCILIATION_PROJECTION));
    const from = checkpoint?.version === reconciliationProjection.version ? checkpoint.position : null;
    const ahead = await this.eventStore.readAll(from, HEAD_SCAN_LIMIT);
    return ahead.length === 0 ? null : ahead[ahead.length - 1].position;
  }
}
