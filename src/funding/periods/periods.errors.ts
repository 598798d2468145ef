// Refusals about reconciliation periods, one class per reason with a stable `FUNDING.*` code.
import { DomainError } from '@lib/kernel';

/** A money movement (or a statement line) dated inside a month finance has closed. */
export class MovementInClosedPeriod extends DomainError {
  readonly code = 'FUNDING.PERIOD_CLOSED';
  readonly kind = 'rule' as const;
  constructor(period: string, details: Record<string, unknown> = {}) {
    super(`The period ${period} is closed: nothing dated in it can be recorded any more`, { period, ...details });
  }
}

export class InvalidPeriod extends DomainError {
  readonly code = 'FUNDING.INVALID_PERIOD';
  readonly kind = 'validation' as const;
  constructor(text: string) {
    super('Expected a period YYYY-MM or a date YYYY-MM-DD (or an ISO 8601 date-time with a zone)', { value: text.slice(0, 40) });
  }
}

/** A month can only be closed once it is over (UTC). */
export class PeriodNotEnded extends DomainError {
  readonly code = 'FUNDING.PERIOD_NOT_ENDED';
  readonly kind = 'rule' as const;
  constructor(period: string, endsAt: string) {
    super(`The period ${period} runs until ${endsAt}`, { period, endsAt });
  }
}

/** Statement lines of the month are neither matched nor explained. */
export class PeriodHasOpenLines extends DomainError {
  readonly code = 'FUNDING.PERIOD_HAS_OPEN_LINES';
  readonly kind = 'rule' as const;
  constructor(period: string, openLineIds: readonly string[]) {
    super(`${openLineIds.length} statement line(s) of ${period} are neither matched nor explained`, { period, openLineIds: [...openLineIds] });
  }
}

/**
 * A statement was registered for the month but its lines are not recorded (an import still
 * running, or one that stopped half-way): importing the same file again completes it.
 */
export class StatementImportIncomplete extends DomainError {
  readonly code = 'FUNDING.STATEMENT_IMPORT_INCOMPLETE';
  readonly kind = 'conflict' as const;
  constructor(period: string, statementIds: readonly string[]) {
    super(`Statement(s) of ${period} are still being imported; retry, or import the same file again`, { period, statementIds: [...statementIds] });
  }
}

/** Another statement was registered for the month while it was being checked for closing. */
export class PeriodChanged extends DomainError {
  readonly code = 'FUNDING.PERIOD_CHANGED';
  readonly kind = 'conflict' as const;
  constructor(period: string) {
    super(`The period ${period} received a new statement while closing; retry`, { period });
  }
}
