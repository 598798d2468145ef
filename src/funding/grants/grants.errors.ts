// Refusals of grant commands, one class per reason (DESIGN §4).
import { DomainError } from '@lib/kernel';

export class GrantNotFound extends DomainError {
  readonly code = 'FUNDING.GRANT_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(grantId: string) {
    super('Grant not found', { grantId });
  }
}

/** The funder's reference is already registered (for a different award). */
export class GrantAlreadyRegistered extends DomainError {
  readonly code = 'FUNDING.GRANT_ALREADY_REGISTERED';
  readonly kind = 'conflict' as const;
  constructor(grantId: string, reference: string) {
    super(`Grant ${reference} is already registered`, { grantId, reference });
  }
}

export class InvalidEarmark extends DomainError {
  readonly code = 'FUNDING.INVALID_EARMARK';
  readonly kind = 'validation' as const;
  constructor() {
    super('siteIds, when given, lists at least one site');
  }
}

/** The grant is earmarked to other sites than the one asked for. */
export class GrantEarmarked extends DomainError {
  readonly code = 'FUNDING.GRANT_EARMARKED';
  readonly kind = 'rule' as const;
  constructor(grantId: string, siteId: string) {
    super('This grant is earmarked to other sites', { grantId, siteId });
  }
}

/** Tranches would add up to more than the award. */
export class GrantTotalExceeded extends DomainError {
  readonly code = 'FUNDING.GRANT_TOTAL_EXCEEDED';
  readonly kind = 'rule' as const;
  constructor(requested: string, outstanding: string) {
    super(`A tranche of ${requested} exceeds the ${outstanding} still expected on this grant`, { requested, outstanding });
  }
}
