// The state of one imported statement, folded from its events.
import { Money } from '@lib/kernel';
import type { MatchMode, MatchOutcome, MatchTarget, StatementEvent, StatementLineRecord } from './statement.events';
import { targetKey } from './statement.events';

export interface StatementLine extends Omit<StatementLineRecord, 'amount'> {
  amount: Money;
}

/**
 * How a line was resolved. A line without a resolution is `unmatched`: it waits for a person and
 * keeps its month from closing.
 */
export type LineResolution =
  | { status: 'matched'; target: MatchTarget; outcome: MatchOutcome; mode: MatchMode; at: string }
  | { status: 'explained'; explanation: string; at: string };

export type LineStatus = 'unmatched' | LineResolution['status'];

export interface ImportedStatement {
  status: 'imported';
  statementId: string;
  contentSha256: string;
  importedAt: string;
  /** In file order. */
  lines: readonly StatementLine[];
  lineById: ReadonlyMap<string, StatementLine>;
  resolutions: ReadonlyMap<string, LineResolution>;
  /** targetKey → the line matched to it: each target once per statement. */
  matchedTargets: ReadonlyMap<string, string>;
}

export type StatementState = { status: 'none' } | ImportedStatement;

export const initialStatementState = (): StatementState => ({ status: 'none' });

export function evolveStatement(state: StatementState, event: StatementEvent): StatementState {
  switch (event.type) {
    case 'StatementImported': {
      const lines = event.data.lines.map((line) => ({ ...line, amount: Money.fromJSON(line.amount) }));
      return {
        status: 'imported',
        statementId: event.data.statementId,
        contentSha256: event.data.contentSha256,
        importedAt: event.data.importedAt,
        lines,
        lineById: new Map(lines.map((line) => [line.lineId, line])),
        resolutions: new Map(),
        matchedTargets: new Map(),
      };
    }
    case 'LineMatched': {
      if (state.status !== 'imported') return state;
      const d = event.data;
      const resolution: LineResolution = { status: 'matched', target: d.target, outcome: d.outcome, mode: d.mode, at: d.matchedAt };
      return {
        ...state,
        resolutions: new Map(state.resolutions).set(d.lineId, resolution),
        matchedTargets: new Map(state.matchedTargets).set(targetKey(d.target), d.lineId),
      };
    }
    case 'LineExplained': {
      if (state.status !== 'imported') return state;
      const d = event.data;
      return { ...state, resolutions: new Map(state.resolutions).set(d.lineId, { status: 'explained', explanation: d.explanation, at: d.explainedAt }) };
    }
    default: {
      // Never throw on a recorded fact: an event type this code does not know leaves the state as is.
      const unknown: never = event;
      void unknown;
      return state;
    }
  }
}

export function lineStatus(state: ImportedStatement, lineId: string): LineStatus {
  return state.resolutions.get(lineId)?.status ?? 'unmatched';
}
