// Refusals of the API key slice, each with a stable code (DESIGN §4).
import { DomainError } from '@lib/kernel';

export class ApiKeyNotFound extends DomainError {
  readonly code = 'ACCESS.API_KEY_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('API key not found');
  }
}

export class CompanyKeyNeedsCompany extends DomainError {
  readonly code = 'ACCESS.COMPANY_ID_REQUIRED';
  readonly kind = 'validation' as const;
  constructor() {
    super('A key with role "company" needs the companyId of a registered company');
  }
}

export class StaffKeyWithCompany extends DomainError {
  readonly code = 'ACCESS.COMPANY_ID_NOT_ALLOWED';
  readonly kind = 'validation' as const;
  constructor(role: string) {
    super(`A key with role "${role}" is a staff key and must not have a companyId`, { role });
  }
}

export class UnknownCompany extends DomainError {
  readonly code = 'ACCESS.UNKNOWN_COMPANY';
  readonly kind = 'rule' as const;
  constructor(companyId: string) {
    super('No registered company has this id', { companyId });
  }
}

export class InvalidKeyLabel extends DomainError {
  readonly code = 'ACCESS.INVALID_KEY_LABEL';
  readonly kind = 'validation' as const;
  constructor() {
    super('A key label is 1 to 100 characters, without control characters');
  }
}

export class ExpiryNotInFuture extends DomainError {
  readonly code = 'ACCESS.EXPIRY_IN_PAST';
  readonly kind = 'validation' as const;
  constructor() {
    super('expiresAt must be in the future');
  }
}
