// Projection `reconciliation`: statement lines with their status, and an index of the records a
// line can match, fed by other contexts' facts: purchases by invoice reference (CreditsReserved),
// disbursements and grant tranches by bank reference. Those facts are read defensively: a shape
// this code does not expect is skipped, never a reason to stop the projection.
import type { RecordedEvent } from '@lib/event-store';
import { Money } from '@lib/kernel';
import type { Projection, ProjectionContext } from '@lib/projections';
import type { CreditsReserved } from '../../../registry/batches/batch.events';
import type { StatementEvent } from '../statement.events';
import { matchReference } from './match-reference';

export const RECONCILIATION_PROJECTION = 'reconciliation';

export const reconciliationProjection: Projection = {
  name: RECONCILIATION_PROJECTION,
  version: 1,
  tables: ['reconciliation_lines', 'reconciliation_targets'],
  async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    // Targets are gathered and inserted together (one statement for a batch full of reservations);
    // they are written before any statement event, so everything still lands in log order.
    const targets: Target[] = [];
    for (const recorded of events) {
      const target = targetOf(recorded);
      if (target !== null) {
        targets.push(target);
        continue;
      }
      if (recorded.type === 'StatementImported' || recorded.type === 'LineMatched' || recorded.type === 'LineExplained') {
        await insertTargets(context, targets.splice(0));
        await applyStatementEvent({ type: recorded.type, data: recorded.data } as StatementEvent, context);
      }
    }
    await insertTargets(context, targets);
  },
};

/** A record a statement line can match, as indexed. */
interface Target {
  kind: 'purchase' | 'disbursement' | 'tranche';
  id: string;
  reference: string;
  sourceStream: string;
  batchId: string | null;
  amount: Money;
}

/** The target a fact indexes; null for other events and for shapes this code does not expect (skipped, never refused). */
function targetOf(recorded: RecordedEvent): Target | null {
  switch (recorded.type) {
    case 'CreditsReserved': {
      const d = recorded.data as CreditsReserved['data'];
      return validTarget('purchase', d.purchaseId, d.invoiceRef, recorded.streamId, d.batchId, d.amount);
    }
    case 'DisbursementRecorded':
    case 'TrancheReceived': {
      const d = recorded.data as { disbursementId?: unknown; trancheId?: unknown; bankRef?: unknown; amount?: unknown };
      const kind = recorded.type === 'DisbursementRecorded' ? 'disbursement' : 'tranche';
      const id = kind === 'disbursement' ? d.disbursementId : d.trancheId;
      return validTarget(kind, id, d.bankRef, recorded.streamId, null, d.amount);
    }
    default:
      return null;
  }
}

async function applyStatementEvent(event: StatementEvent, context: ProjectionContext): Promise<void> {
  const lines = context.table('reconciliation_lines');
  switch (event.type) {
    case 'StatementImported': {
      const d = event.data;
      // One multi-row insert per statement; DO NOTHING: a replayed fact changes nothing.
      await context.query(
        `INSERT INTO ${lines} (line_id, statement_id, line_index, line_no, value_date, period, currency, amount_minor,
           reference, counterparty, status, imported_at)
         SELECT line_id, $1, line_index, line_no, value_date::date, left(value_date, 7), currency, amount_minor, reference, counterparty, 'unmatched', $2
           FROM unnest($3::uuid[], $4::int[], $5::int[], $6::text[], $7::text[], $8::bigint[], $9::text[], $10::text[])
             AS l(line_id, line_index, line_no, value_date, currency, amount_minor, reference, counterparty)
         ON CONFLICT (line_id) DO NOTHING`,
        [
          d.statementId,
          d.importedAt,
          d.lines.map((l) => l.lineId),
          d.lines.map((_, index) => index),
          d.lines.map((l) => l.lineNo),
          d.lines.map((l) => l.date),
          d.lines.map((l) => l.amount.currency),
          d.lines.map((l) => String(l.amount.value)),
          d.lines.map((l) => l.reference),
          d.lines.map((l) => l.counterparty),
        ],
      );
      return;
    }
    case 'LineMatched': {
      const d = event.data;
      await context.query(
        `UPDATE ${lines} SET status = 'matched', target_kind = $2, target_id = $3, outcome = $4, match_mode = $5, resolved_at = $6 WHERE line_id = $1`,
        [d.lineId, d.target.kind, d.target.id, d.outcome, d.mode, d.matchedAt],
      );
      return;
    }
    case 'LineExplained': {
      const d = event.data;
      await context.query(`UPDATE ${lines} SET status = 'explained', explanation = $2, resolved_at = $3 WHERE line_id = $1`, [
        d.lineId, d.explanation, d.explainedAt,
      ]);
      return;
    }
    default: {
      const unknown: never = event;
      void unknown;
      return;
    }
  }
}

function validTarget(kind: Target['kind'], id: unknown, reference: unknown, sourceStream: string, batchId: string | null, amountJson: unknown): Target | null {
  const amount = moneyOrNull(amountJson);
  if (typeof id !== 'string' || id === '' || typeof reference !== 'string' || amount === null || !amount.isPositive()) return null;
  return { kind, id, reference, sourceStream, batchId, amount };
}

/** DO NOTHING: a replayed fact changes nothing (and of two rows with one key, the first stays, as one by one). */
async function insertTargets(context: ProjectionContext, targets: readonly Target[]): Promise<void> {
  if (targets.length === 0) return;
  await context.query(
    `INSERT INTO ${context.table('reconciliation_targets')} (kind, target_id, reference, source_stream, batch_id, currency, amount_minor)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
     ON CONFLICT (kind, target_id) DO NOTHING`,
    [
      targets.map((target) => target.kind),
      targets.map((target) => target.id),
      targets.map((target) => matchReference(target.reference)),
      targets.map((target) => target.sourceStream),
      targets.map((target) => target.batchId),
      targets.map((target) => target.amount.currency),
      targets.map((target) => target.amount.amountMinor.toString()),
    ],
  );
}

function moneyOrNull(json: unknown): Money | null {
  try {
    return Money.fromJSON(json);
  } catch {
    return null;
  }
}
