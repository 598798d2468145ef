// What the reconciliation routes answer for a statement line, built either from a statement's
// state (command responses) or from the read model (the period view).
import { ApiProperty } from '@nestjs/swagger';
import type { MoneyJson } from '@lib/kernel';
import type { LineRow } from './read-model/reconciliation-rows';
import { MATCH_TARGET_KINDS, MatchMode, MatchOutcome, MatchTargetKind } from './statement.events';
import type { ImportedStatement, LineStatus, StatementLine } from './statement.state';

export class MoneyAmountView implements MoneyJson {
  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({ example: 1200000, description: 'Integer minor units; negative for money out' })
  value!: number;
}

export class LineMatchView {
  @ApiProperty({ enum: MATCH_TARGET_KINDS })
  kind!: MatchTargetKind;

  @ApiProperty({ description: 'Id of the purchase, disbursement or tranche' })
  id!: string;

  @ApiProperty({ enum: ['payment_recorded', 'reconciled'], description: 'payment_recorded: this match recorded the purchase payment and settled it' })
  outcome!: MatchOutcome;

  @ApiProperty({ enum: ['auto', 'manual'] })
  mode!: MatchMode;
}

export class StatementLineView {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  statementId!: string;

  @ApiProperty({ description: 'Line of the imported file (the header is line 1)' })
  lineNo!: number;

  @ApiProperty({ example: '2026-03-05' })
  date!: string;

  @ApiProperty({ example: '2026-03' })
  period!: string;

  @ApiProperty({ type: MoneyAmountView })
  amount!: MoneyAmountView;

  @ApiProperty()
  reference!: string;

  @ApiProperty()
  counterparty!: string;

  @ApiProperty({ enum: ['unmatched', 'matched', 'explained'] })
  status!: LineStatus;

  @ApiProperty({ type: LineMatchView, nullable: true })
  match!: LineMatchView | null;

  @ApiProperty({ type: String, nullable: true })
  explanation!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'When it was matched or explained' })
  resolvedAt!: string | null;
}

export function lineViewOfState(statement: ImportedStatement, line: StatementLine): StatementLineView {
  const resolution = statement.resolutions.get(line.lineId);
  return {
    id: line.lineId,
    statementId: statement.statementId,
    lineNo: line.lineNo,
    date: line.date,
    period: line.date.slice(0, 7),
    amount: line.amount.toJSON(),
    reference: line.reference,
    counterparty: line.counterparty,
    status: resolution?.status ?? 'unmatched',
    match: resolution?.status === 'matched' ? { kind: resolution.target.kind, id: resolution.target.id, outcome: resolution.outcome, mode: resolution.mode } : null,
    explanation: resolution?.status === 'explained' ? resolution.explanation : null,
    resolvedAt: resolution?.at ?? null,
  };
}

export function lineViewOfRow(row: LineRow): StatementLineView {
  const matched = row.status === 'matched' && row.target_kind !== null && row.target_id !== null;
  return {
    id: row.line_id,
    statementId: row.statement_id,
    lineNo: row.line_no,
    date: row.value_date,
    period: row.period,
    amount: { currency: row.currency, value: Number(row.amount_minor) },
    reference: row.reference,
    counterparty: row.counterparty,
    status: row.status,
    match: matched ? { kind: row.target_kind as MatchTargetKind, id: row.target_id as string, outcome: row.outcome as MatchOutcome, mode: row.match_mode as MatchMode } : null,
    explanation: row.explanation,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
  };
}
