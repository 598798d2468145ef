// Events of a reconciliation period, stream `period-{yyyy-mm}`. The stream is the consistency
// boundary between statement imports and closing: an import registers its statement here before
// recording its lines, and closing decides on the registered set under optimistic concurrency, so
// a statement can never slip into a month while it closes.

export interface StatementRegistered {
  type: 'StatementRegistered';
  /** `lineCount`: lines of the statement dated in this period. */
  data: { period: string; statementId: string; lineCount: number };
}

/** An import that registered here and was then refused elsewhere takes its registration back. */
export interface StatementWithdrawn {
  type: 'StatementWithdrawn';
  data: { period: string; statementId: string };
}

export interface PeriodClosed {
  type: 'PeriodClosed';
  data: { period: string; statementIds: string[]; lineCount: number; closedAt: string };
}

export type PeriodEvent = StatementRegistered | StatementWithdrawn | PeriodClosed;

/**
 * - `open`: statements may register; `statements` maps each registered statement to its number
 *   of lines dated in the period.
 * - `closed`: final. Nothing dated in the period can be recorded any more (no reopening: a
 *   correction is a movement dated in an open period, R8).
 */
export type PeriodState =
  | { status: 'open'; statements: ReadonlyMap<string, number> }
  | { status: 'closed'; statements: ReadonlyMap<string, number>; closedAt: string };
