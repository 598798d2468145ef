// Refusals of the sites slice, one class per reason with a stable code (DESIGN §4).
import { DomainError } from '@lib/kernel';

export class SiteCodeTaken extends DomainError {
  readonly code = 'REGISTRY.SITE_CODE_TAKEN';
  readonly kind = 'conflict' as const;
  constructor(code: string) {
    super(`Site code ${code} is already taken`, { code });
  }
}

export class InvalidSiteCode extends DomainError {
  readonly code = 'REGISTRY.INVALID_SITE_CODE';
  readonly kind = 'validation' as const;
  constructor() {
    super('code must be 2 to 8 upper-case letters or digits, e.g. "KAM"');
  }
}

export class InvalidSiteCountry extends DomainError {
  readonly code = 'REGISTRY.INVALID_COUNTRY';
  readonly kind = 'validation' as const;
  constructor(country: string) {
    super('country must be an ISO 3166-1 alpha-2 code in upper case, e.g. "CD"', { country: country.slice(0, 8) });
  }
}

export class InvalidFeeBps extends DomainError {
  readonly code = 'REGISTRY.INVALID_FEE_BPS';
  readonly kind = 'validation' as const;
  constructor() {
    super('feeBps must be a whole number of basis points from 0 to 10000');
  }
}

export class SiteNotFound extends DomainError {
  readonly code = 'REGISTRY.SITE_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(siteId?: string) {
    super('Site not found', siteId === undefined ? undefined : { siteId });
  }
}
