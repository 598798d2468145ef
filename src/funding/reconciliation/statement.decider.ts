// Decisions on a statement: pure, no I/O, no clock. Matching checks the line against the target's
// amount (the handler reads it from the target's own stream) in the line's currency only (R5).
import { Decider, Money } from '@lib/kernel';
import {
  InvalidExplanation,
  LineAlreadyResolved,
  MatchAmountMismatch,
  MatchCurrencyMismatch,
  MatchWrongDirection,
  StatementLineNotFound,
  StatementNotFound,
  TargetAlreadyMatched,
} from './reconciliation.errors';
import type { MatchMode, MatchOutcome, MatchTarget, StatementEvent, StatementLineRecord } from './statement.events';
import { targetKey } from './statement.events';
import { evolveStatement, ImportedStatement, initialStatementState, StatementLine, StatementState } from './statement.state';

export interface ImportStatement {
  type: 'ImportStatement';
  data: { statementId: string; contentSha256: string; lines: StatementLineRecord[]; now: string };
}

export interface MatchLine {
  type: 'MatchLine';
  data: {
    lineId: string;
    target: MatchTarget;
    /** The target's amount (positive): what the line must move, in or out. */
    targetAmount: Money;
    outcome: MatchOutcome;
    mode: MatchMode;
    now: string;
  };
}

export interface ExplainLine {
  type: 'ExplainLine';
  data: { lineId: string; explanation: string; now: string };
}

export type StatementCommand = ImportStatement | MatchLine | ExplainLine;

export const EXPLANATION_MAX_LENGTH = 500;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

export function decideStatement(command: StatementCommand, state: StatementState): StatementEvent[] {
  if (command.type === 'ImportStatement') return importStatement(command, state);
  if (state.status !== 'imported') throw new StatementNotFound();
  switch (command.type) {
    case 'MatchLine':
      return matchLine(command, state);
    case 'ExplainLine':
      return explainLine(command, state);
    default: {
      const unreachable: never = command;
      throw new Error(`Unknown statement command ${JSON.stringify(unreachable)}`);
    }
  }
}

export const statementDecider: Decider<StatementCommand, StatementState, StatementEvent> = {
  decide: decideStatement,
  evolve: evolveStatement,
  initialState: initialStatementState,
};

/** Which way money moves for a target: payments and tranches come in, disbursements go out. */
export function expectedDirection(target: MatchTarget): 'in' | 'out' {
  return target.kind === 'disbursement' ? 'out' : 'in';
}

/** Throws when `line` cannot be the bank side of a target of `targetAmount`. */
export function assertLineFitsTarget(line: StatementLine, target: MatchTarget, targetAmount: Money): void {
  if (line.amount.currency !== targetAmount.currency) throw new MatchCurrencyMismatch(line.amount.currency, targetAmount.currency);
  const direction = expectedDirection(target);
  if ((direction === 'in') !== line.amount.isPositive()) throw new MatchWrongDirection(target.kind, direction);
  const moved = line.amount.isNegative() ? line.amount.negate() : line.amount;
  if (!moved.equals(targetAmount)) throw new MatchAmountMismatch(moved.format(), targetAmount.format());
}

function importStatement({ data }: ImportStatement, state: StatementState): StatementEvent[] {
  // The id is derived from the content's hash, so an imported stream can only be the same file.
  if (state.status === 'imported') return [];
  return [{ type: 'StatementImported', data: { statementId: data.statementId, contentSha256: data.contentSha256, lines: data.lines, importedAt: data.now } }];
}

function lineOf(state: ImportedStatement, lineId: string): StatementLine {
  const line = state.lineById.get(lineId);
  if (line === undefined) throw new StatementLineNotFound(lineId);
  return line;
}

function matchLine({ data }: MatchLine, state: ImportedStatement): StatementEvent[] {
  const line = lineOf(state, data.lineId);
  const current = state.resolutions.get(data.lineId);
  if (current !== undefined) {
    if (current.status === 'matched' && targetKey(current.target) === targetKey(data.target)) return [];
    throw new LineAlreadyResolved(data.lineId, current.status);
  }
  const holder = state.matchedTargets.get(targetKey(data.target));
  if (holder !== undefined) throw new TargetAlreadyMatched(data.target.kind, data.target.id, holder);
  assertLineFitsTarget(line, data.target, data.targetAmount);
  return [
    {
      type: 'LineMatched',
      data: { statementId: state.statementId, lineId: data.lineId, target: { ...data.target }, outcome: data.outcome, mode: data.mode, matchedAt: data.now },
    },
  ];
}

function explainLine({ data }: ExplainLine, state: ImportedStatement): StatementEvent[] {
  lineOf(state, data.lineId);
  const explanation = data.explanation.trim();
  if (explanation.length === 0 || explanation.length > EXPLANATION_MAX_LENGTH || CONTROL_CHARACTERS.test(explanation)) {
    throw new InvalidExplanation(EXPLANATION_MAX_LENGTH);
  }
  const current = state.resolutions.get(data.lineId);
  if (current !== undefined) {
    if (current.status === 'explained' && current.explanation === explanation) return [];
    throw new LineAlreadyResolved(data.lineId, current.status);
  }
  return [{ type: 'LineExplained', data: { statementId: state.statementId, lineId: data.lineId, explanation, explainedAt: data.now } }];
}
