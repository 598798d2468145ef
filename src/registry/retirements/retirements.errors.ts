// Refusals of the retirement routes beyond the batch decider's own (batch.errors.ts).
import { DomainError } from '@lib/kernel';

export class InvalidBeneficiaryLei extends DomainError {
  readonly code = 'REGISTRY.INVALID_BENEFICIARY_LEI';
  readonly kind = 'validation' as const;
  constructor() {
    super('beneficiary.lei must be a 20-character ISO 17442 Legal Entity Identifier with valid check digits');
  }
}

/** Absent, or (R11) another company's: the caller cannot tell which. */
export class RetirementNotFound extends DomainError {
  readonly code = 'REGISTRY.RETIREMENT_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(retirementId: string) {
    super('Retirement not found', { retirementId });
  }
}
