// Decisions on a reconciliation period: pure, no I/O, no clock. Closing needs facts from other
// streams (which registered statements are recorded, which of their lines are open); the handler
// gathers them and passes them in, and `decide` checks they were gathered for the current state.
import type { Decider } from '@lib/kernel';
import type { PeriodEvent, PeriodState } from './period.events';
import { periodEnd } from './period';
import { MovementInClosedPeriod, PeriodChanged, PeriodHasOpenLines, PeriodNotEnded, StatementImportIncomplete } from './periods.errors';

export interface RegisterStatement {
  type: 'RegisterStatement';
  data: { period: string; statementId: string; lineCount: number };
}

export interface WithdrawStatement {
  type: 'WithdrawStatement';
  data: { period: string; statementId: string };
}

export interface ClosePeriod {
  type: 'ClosePeriod';
  data: {
    period: string;
    now: string;
    /** Registered statements the handler looked at: must be exactly the registered set. */
    checkedStatementIds: readonly string[];
    /** Registered statements whose lines are not recorded yet. */
    missingStatementIds: readonly string[];
    /** Lines of the period neither matched nor explained. */
    openLineIds: readonly string[];
  };
}

export type PeriodCommand = RegisterStatement | WithdrawStatement | ClosePeriod;

export function decidePeriod(command: PeriodCommand, state: PeriodState): PeriodEvent[] {
  switch (command.type) {
    case 'RegisterStatement':
      return register(command, state);
    case 'WithdrawStatement':
      return withdraw(command, state);
    case 'ClosePeriod':
      return close(command, state);
    default: {
      const unreachable: never = command;
      throw new Error(`Unknown period command ${JSON.stringify(unreachable)}`);
    }
  }
}

export function evolvePeriod(state: PeriodState, event: PeriodEvent): PeriodState {
  switch (event.type) {
    case 'StatementRegistered':
      return { ...state, statements: new Map(state.statements).set(event.data.statementId, event.data.lineCount) };
    case 'StatementWithdrawn': {
      const statements = new Map(state.statements);
      statements.delete(event.data.statementId);
      return { ...state, statements };
    }
    case 'PeriodClosed':
      return { status: 'closed', statements: state.statements, closedAt: event.data.closedAt };
    default: {
      // Never throw on a recorded fact: an event type this code does not know leaves the state as is.
      const unknown: never = event;
      void unknown;
      return state;
    }
  }
}

export const initialPeriodState = (): PeriodState => ({ status: 'open', statements: new Map() });

export const periodDecider: Decider<PeriodCommand, PeriodState, PeriodEvent> = {
  decide: decidePeriod,
  evolve: evolvePeriod,
  initialState: initialPeriodState,
};

function register({ data }: RegisterStatement, state: PeriodState): PeriodEvent[] {
  // A retry of an import that already registered changes nothing, even once the month is closed.
  if (state.statements.has(data.statementId)) return [];
  if (state.status === 'closed') throw new MovementInClosedPeriod(data.period);
  return [{ type: 'StatementRegistered', data: { period: data.period, statementId: data.statementId, lineCount: data.lineCount } }];
}

function withdraw({ data }: WithdrawStatement, state: PeriodState): PeriodEvent[] {
  // Closing refuses while a registered statement is unrecorded, so a closed period never holds one to withdraw.
  if (state.status === 'closed' || !state.statements.has(data.statementId)) return [];
  return [{ type: 'StatementWithdrawn', data: { period: data.period, statementId: data.statementId } }];
}

function close({ data }: ClosePeriod, state: PeriodState): PeriodEvent[] {
  if (state.status === 'closed') return [];
  const endsAt = periodEnd(data.period);
  if (Date.parse(data.now) < Date.parse(endsAt)) throw new PeriodNotEnded(data.period, endsAt);
  const registered = [...state.statements.keys()].sort();
  const checked = [...new Set(data.checkedStatementIds)].sort();
  if (registered.length !== checked.length || registered.some((id, index) => id !== checked[index])) throw new PeriodChanged(data.period);
  if (data.missingStatementIds.length > 0) throw new StatementImportIncomplete(data.period, data.missingStatementIds);
  if (data.openLineIds.length > 0) throw new PeriodHasOpenLines(data.period, data.openLineIds);
  let lineCount = 0;
  for (const count of state.statements.values()) lineCount += count;
  return [{ type: 'PeriodClosed', data: { period: data.period, statementIds: registered, lineCount, closedAt: data.now } }];
}
