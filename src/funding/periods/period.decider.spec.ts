// Given/when/then for reconciliation periods: registering statements, withdrawing, closing.
import { deciderSpec } from '@lib/kernel/testing';
import { ClosePeriod, periodDecider, RegisterStatement } from './period.decider';
import type { PeriodEvent } from './period.events';

const spec = deciderSpec(periodDecider);
const PERIOD = '2026-03';
const S1 = '01900000-0000-7000-8000-0000000000a1';
const S2 = '01900000-0000-7000-8000-0000000000a2';
const AFTER_MONTH = '2026-04-01T00:00:00.000Z';

const registered = (statementId = S1, lineCount = 2): PeriodEvent => ({ type: 'StatementRegistered', data: { period: PERIOD, statementId, lineCount } });
const register = (statementId = S1, lineCount = 2): RegisterStatement => ({ type: 'RegisterStatement', data: { period: PERIOD, statementId, lineCount } });
const close = (overrides: Partial<ClosePeriod['data']> = {}): ClosePeriod => ({
  type: 'ClosePeriod',
  data: { period: PERIOD, now: AFTER_MONTH, checkedStatementIds: [S1], missingStatementIds: [], openLineIds: [], ...overrides },
});
const closed: PeriodEvent = { type: 'PeriodClosed', data: { period: PERIOD, statementIds: [S1], lineCount: 2, closedAt: AFTER_MONTH } };

describe('period decider', () => {
  it('Register_WhenOpen_ThenStatementRegistered', () => {
    spec.given([]).when(register()).then([registered()]);
  });

  it('Register_WhenAlreadyRegistered_ThenNoEvents', () => {
    spec.given([registered()]).when(register()).then([]);
  });

  it('Register_WhenClosed_ThenPeriodClosed', () => {
    const error = spec.given([registered(), closed]).when(register(S2)).thenThrows('FUNDING.PERIOD_CLOSED');
    expect(error).toMatchObject({ kind: 'rule', details: { period: PERIOD } });
  });

  it('Register_WhenClosedButSameStatementRetried_ThenNoEvents', () => {
    spec.given([registered(), closed]).when(register()).then([]);
  });

  it('Withdraw_WhenRegistered_ThenWithdrawn', () => {
    spec.given([registered()]).when({ type: 'WithdrawStatement', data: { period: PERIOD, statementId: S1 } }).then([
      { type: 'StatementWithdrawn', data: { period: PERIOD, statementId: S1 } },
    ]);
  });

  it('Withdraw_WhenNotRegistered_ThenNoEvents', () => {
    spec.given([]).when({ type: 'WithdrawStatement', data: { period: PERIOD, statementId: S1 } }).then([]);
  });

  it('Close_WhenEveryLineResolved_ThenPeriodClosedWithLineCount', () => {
    spec.given([registered(S1, 2), registered(S2, 3)]).when(close({ checkedStatementIds: [S2, S1] })).then([
      { type: 'PeriodClosed', data: { period: PERIOD, statementIds: [S1, S2], lineCount: 5, closedAt: AFTER_MONTH } },
    ]);
  });

  it('Close_WhenNoStatement_ThenClosedEmpty', () => {
    spec.given([]).when(close({ checkedStatementIds: [] })).then([
      { type: 'PeriodClosed', data: { period: PERIOD, statementIds: [], lineCount: 0, closedAt: AFTER_MONTH } },
    ]);
  });

  it('Close_WhenOpenLines_ThenRefusedWithTheirIds', () => {
    const error = spec.given([registered()]).when(close({ openLineIds: ['l-1', 'l-2'] })).thenThrows('FUNDING.PERIOD_HAS_OPEN_LINES');
    expect(error).toMatchObject({ kind: 'rule', details: { period: PERIOD, openLineIds: ['l-1', 'l-2'] } });
  });

  it('Close_WhenMonthNotOver_ThenRefused', () => {
    spec.given([]).when(close({ now: '2026-03-31T23:59:59.999Z', checkedStatementIds: [] })).thenThrows('FUNDING.PERIOD_NOT_ENDED');
  });

  it('Close_WhenAStatementRegisteredSinceTheCheck_ThenPeriodChanged', () => {
    spec.given([registered(S1), registered(S2)]).when(close({ checkedStatementIds: [S1] })).thenThrows('FUNDING.PERIOD_CHANGED');
  });

  it('Close_WhenARegisteredStatementIsNotRecorded_ThenImportIncomplete', () => {
    const error = spec.given([registered()]).when(close({ missingStatementIds: [S1] })).thenThrows('FUNDING.STATEMENT_IMPORT_INCOMPLETE');
    expect(error).toMatchObject({ kind: 'conflict', details: { statementIds: [S1] } });
  });

  it('Close_WhenWithdrawnStatement_ThenNotCounted', () => {
    const withdrawn: PeriodEvent = { type: 'StatementWithdrawn', data: { period: PERIOD, statementId: S2 } };
    spec.given([registered(S1, 2), registered(S2, 3), withdrawn]).when(close()).then([closed]);
  });

  it('Close_WhenAlreadyClosed_ThenNoEvents', () => {
    spec.given([registered(), closed]).when(close({ openLineIds: ['ignored'] })).then([]);
  });
});
