// Events of an imported bank statement, stream `statement-{id}`: the lines as the bank printed
// them (immutable), then how each line was resolved: matched to the record it is the bank side of
// (a purchase payment, a disbursement, a grant tranche), or explained by a person.
import type { MoneyJson } from '@lib/kernel';

export const STATEMENT_STREAM_PREFIX = 'statement-';

export const statementStreamId = (statementId: string): string => `${STATEMENT_STREAM_PREFIX}${statementId}`;

export interface StatementLineRecord {
  /** deterministicId(statementId, `line:{lineNo}`): the same file always yields the same ids. */
  lineId: string;
  /** Physical line of the file (the header is line 1). */
  lineNo: number;
  /** Value date, `YYYY-MM-DD`: decides the reconciliation period. */
  date: string;
  /** Signed: positive money in, negative money out. */
  amount: MoneyJson;
  reference: string;
  counterparty: string;
}

export interface StatementImported {
  type: 'StatementImported';
  data: { statementId: string; contentSha256: string; lines: StatementLineRecord[]; importedAt: string };
}

export type MatchTargetKind = 'purchase' | 'disbursement' | 'tranche';

export const MATCH_TARGET_KINDS: readonly MatchTargetKind[] = ['purchase', 'disbursement', 'tranche'];

export interface MatchTarget {
  kind: MatchTargetKind;
  id: string;
}

/**
 * - `payment_recorded`: the match itself recorded the purchase's payment and settled it.
 * - `reconciled`: the record already existed (payment recorded by finance, disbursement, tranche).
 */
export type MatchOutcome = 'payment_recorded' | 'reconciled';

export type MatchMode = 'auto' | 'manual';

export interface LineMatched {
  type: 'LineMatched';
  data: { statementId: string; lineId: string; target: MatchTarget; outcome: MatchOutcome; mode: MatchMode; matchedAt: string };
}

export interface LineExplained {
  type: 'LineExplained';
  data: { statementId: string; lineId: string; explanation: string; explainedAt: string };
}

export type StatementEvent = StatementImported | LineMatched | LineExplained;

export const STATEMENT_EVENT_TYPES: readonly StatementEvent['type'][] = ['StatementImported', 'LineMatched', 'LineExplained'];

export function targetKey(target: MatchTarget): string {
  return `${target.kind}:${target.id}`;
}
