// Refusals of bank reconciliation (statements, matches), one class per reason with a stable
// `FUNDING.*` code (DESIGN §4). Period refusals are in ../periods/periods.errors.ts.
import { DomainError } from '@lib/kernel';
import type { LineProblem } from './import-statement/statement-csv';

/** 400 with every bad line: nothing of the file was imported. */
export class InvalidStatement extends DomainError {
  readonly code = 'FUNDING.INVALID_STATEMENT';
  readonly kind = 'validation' as const;
  constructor(problems: readonly LineProblem[]) {
    super(`The statement was not imported: ${problems.length} line(s) are not valid`, { problems: [...problems] });
  }
}

export class StatementNotFound extends DomainError {
  readonly code = 'FUNDING.STATEMENT_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(statementId?: string) {
    super('Statement not found', statementId === undefined ? undefined : { statementId });
  }
}

export class StatementLineNotFound extends DomainError {
  readonly code = 'FUNDING.STATEMENT_LINE_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(lineId: string) {
    super('Statement line not found', { lineId });
  }
}

/** The line is already matched to something else, or explained. */
export class LineAlreadyResolved extends DomainError {
  readonly code = 'FUNDING.LINE_ALREADY_RESOLVED';
  readonly kind = 'conflict' as const;
  constructor(lineId: string, status: string) {
    super(`The statement line is already ${status}`, { lineId, status });
  }
}

export class MatchTargetNotFound extends DomainError {
  readonly code = 'FUNDING.MATCH_TARGET_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(kind: string, id: string) {
    super(`No ${kind} ${id} to match`, { kind, id });
  }
}

/** Each purchase payment, disbursement and tranche is matched by one statement line at most. */
export class TargetAlreadyMatched extends DomainError {
  readonly code = 'FUNDING.TARGET_ALREADY_MATCHED';
  readonly kind = 'conflict' as const;
  constructor(kind: string, id: string, lineId: string) {
    super(`This ${kind} is already matched to another statement line`, { kind, id, lineId });
  }
}

export class MatchAmountMismatch extends DomainError {
  readonly code = 'FUNDING.MATCH_AMOUNT_MISMATCH';
  readonly kind = 'rule' as const;
  constructor(line: string, target: string) {
    super(`The line moves ${line}, the record says ${target}`, { line, target });
  }
}

/** R5: never across currencies. */
export class MatchCurrencyMismatch extends DomainError {
  readonly code = 'FUNDING.MATCH_CURRENCY_MISMATCH';
  readonly kind = 'rule' as const;
  constructor(line: string, target: string) {
    super(`The line is in ${line}, the record in ${target}`, { line, target });
  }
}

/** Money in matches payments and tranches; money out matches disbursements. */
export class MatchWrongDirection extends DomainError {
  readonly code = 'FUNDING.MATCH_WRONG_DIRECTION';
  readonly kind = 'rule' as const;
  constructor(kind: string, expected: 'in' | 'out') {
    super(`A ${kind} matches money ${expected}, this line moves money ${expected === 'in' ? 'out' : 'in'}`, { kind, expected });
  }
}

/** A cancelled or expired purchase takes no payment. */
export class PurchaseNotPayable extends DomainError {
  readonly code = 'FUNDING.PURCHASE_NOT_PAYABLE';
  readonly kind = 'rule' as const;
  constructor(purchaseId: string, status: string) {
    super(`The purchase is ${status}: it takes no payment`, { purchaseId, status });
  }
}

export class InvalidExplanation extends DomainError {
  readonly code = 'FUNDING.INVALID_EXPLANATION';
  readonly kind = 'validation' as const;
  constructor(maxLength: number) {
    super(`explanation must be 1 to ${maxLength} characters, without control characters`, { maxLength });
  }
}
