// Ids of an imported statement, derived from its content: the statement id is a UUID v5 of the
// SHA-256 of its parsed lines, so importing the same statement again (even re-exported with other
// line ends, quoting or blank lines) finds the first import and records nothing new. Line ids are
// derived from the statement id and the line's ordinal.
import { createHash } from 'crypto';
import { deterministicId } from '@lib/kernel';
import type { StatementLineRecord } from '../statement.events';
import type { ParsedStatementLine } from './statement-csv';

const STATEMENT_ID_NAMESPACE = 'bank-statement';

export interface StatementDraft {
  statementId: string;
  contentSha256: string;
  lines: StatementLineRecord[];
}

export function draftStatement(lines: readonly ParsedStatementLine[]): StatementDraft {
  const canonical = JSON.stringify(lines.map((l) => [l.date, l.amount.currency, l.amount.amountMinor.toString(), l.reference, l.counterparty]));
  const contentSha256 = createHash('sha256').update(canonical, 'utf8').digest('hex');
  const statementId = deterministicId(STATEMENT_ID_NAMESPACE, contentSha256);
  return {
    statementId,
    contentSha256,
    lines: lines.map((line, index) => ({
      lineId: deterministicId(statementId, `line:${index + 1}`),
      lineNo: line.lineNo,
      date: line.date,
      amount: line.amount.toJSON(),
      reference: line.reference,
      counterparty: line.counterparty,
    })),
  };
}

/** Lines per period (`YYYY-MM`), in period order, with the file line numbers for error messages. */
export function linesByPeriod(lines: readonly StatementLineRecord[]): Map<string, number[]> {
  const byPeriod = new Map<string, number[]>();
  for (const line of lines) {
    const period = line.date.slice(0, 7);
    byPeriod.set(period, [...(byPeriod.get(period) ?? []), line.lineNo]);
  }
  return new Map([...byPeriod.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
