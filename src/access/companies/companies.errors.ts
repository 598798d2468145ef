// Refusals of the companies slice, each with a stable code (DESIGN §4).
import { DomainError } from '@lib/kernel';

export class InvalidCompanyName extends DomainError {
  readonly code = 'ACCESS.INVALID_COMPANY_NAME';
  readonly kind = 'validation' as const;
  constructor() {
    super('A company name is 1 to 200 characters, without control characters');
  }
}

export class InvalidCountryCode extends DomainError {
  readonly code = 'ACCESS.INVALID_COUNTRY';
  readonly kind = 'validation' as const;
  constructor(country: string) {
    super('country must be an ISO 3166-1 alpha-2 code in upper case, e.g. "CD"', { country: country.slice(0, 8) });
  }
}

export class InvalidLei extends DomainError {
  readonly code = 'ACCESS.INVALID_LEI';
  readonly kind = 'validation' as const;
  constructor() {
    super('lei must be a 20-character ISO 17442 Legal Entity Identifier with valid check digits');
  }
}

export class CompanyAlreadyRegistered extends DomainError {
  readonly code = 'ACCESS.COMPANY_ALREADY_REGISTERED';
  readonly kind = 'conflict' as const;
  constructor(companyId: string) {
    super('This company is already registered', { companyId });
  }
}

/** Absent, or (R11) another company's: the caller cannot tell which. */
export class CompanyNotFound extends DomainError {
  readonly code = 'ACCESS.COMPANY_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('Company not found');
  }
}
