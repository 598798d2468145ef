// Refusals shared by the funding slices (pools, grants, allocations, disbursements), one class per
// reason with a stable `FUNDING.*` code (DESIGN §4). Details never carry bank references.
import { DomainError } from '@lib/kernel';

export class InvalidFundingAmount extends DomainError {
  readonly code = 'FUNDING.INVALID_AMOUNT';
  readonly kind = 'validation' as const;
  constructor(field: string) {
    super(`${field} must be a positive amount`, { field });
  }
}

export class InvalidFundingText extends DomainError {
  readonly code = 'FUNDING.INVALID_TEXT';
  readonly kind = 'validation' as const;
  constructor(field: string, maxLength: number) {
    super(`${field} must be 1 to ${maxLength} characters, without control characters`, { field, maxLength });
  }
}

export class InvalidBusinessDate extends DomainError {
  readonly code = 'FUNDING.INVALID_DATE';
  readonly kind = 'validation' as const;
  constructor(field: string) {
    super(`${field} must be a calendar date YYYY-MM-DD or an ISO 8601 date-time with a zone`, { field });
  }
}

/** A money movement dated after tomorrow (UTC): a typing error, never a fact the books can hold. */
export class BusinessDateInFuture extends DomainError {
  readonly code = 'FUNDING.DATE_IN_FUTURE';
  readonly kind = 'rule' as const;
  constructor(field: string, date: string) {
    super(`${field} ${date} is in the future`, { field, date });
  }
}

/** R5: the source holds no money in the currency asked for (e.g. EUR from a USD-only pool). */
export class CurrencyNotInPool extends DomainError {
  readonly code = 'FUNDING.CURRENCY_NOT_IN_POOL';
  readonly kind = 'rule' as const;
  constructor(currency: string, held: readonly string[]) {
    super(`This source has received no ${currency}`, { currency, held: [...held] });
  }
}

/** R5: an amount in another currency than the grant or allocation it belongs to. */
export class FundingCurrencyMismatch extends DomainError {
  readonly code = 'FUNDING.CURRENCY_MISMATCH';
  readonly kind = 'rule' as const;
  constructor(expected: string, given: string) {
    super(`Expected an amount in ${expected}, got ${given}`, { expected, given });
  }
}

/** R7: allocated would exceed received for this source and currency. */
export class InsufficientFunds extends DomainError {
  readonly code = 'FUNDING.INSUFFICIENT_FUNDS';
  readonly kind = 'rule' as const;
  constructor(requested: string, available: string) {
    super(`Requested ${requested}, only ${available} received and not yet allocated`, { requested, available });
  }
}

/** A site the funding commands refer to is not registered. */
export class FundingSiteNotFound extends DomainError {
  readonly code = 'FUNDING.SITE_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(siteId: string) {
    super('Site not found', { siteId });
  }
}

/** The same command id (allocation, disbursement, tranche) was used for different content. */
export class FundingIdConflict extends DomainError {
  readonly code = 'FUNDING.ID_CONFLICT';
  readonly kind = 'conflict' as const;
  constructor(id: string) {
    super(`${id} was already used for a different record`, { id });
  }
}

/** A bank reference already recorded on this grant or allocation for a different movement. */
export class DuplicateBankReference extends DomainError {
  readonly code = 'FUNDING.DUPLICATE_BANK_REF';
  readonly kind = 'conflict' as const;
  constructor() {
    super('This bank reference is already recorded for a different movement');
  }
}
