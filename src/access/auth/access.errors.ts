// Refusals of authentication, authorisation and rate limiting. Their messages never say which
// part of a credential was wrong, so a caller cannot probe for valid key ids.
import { DomainError } from '@lib/kernel';

export class Unauthenticated extends DomainError {
  readonly code = 'ACCESS.UNAUTHENTICATED';
  readonly kind = 'unauthenticated' as const;
  constructor() {
    super('A valid API key is required: Authorization: Bearer crk_<keyId>_<secret>');
  }
}

export class Forbidden extends DomainError {
  readonly code = 'ACCESS.FORBIDDEN';
  readonly kind = 'forbidden' as const;
  constructor() {
    super('This API key may not do this');
  }
}

export class RateLimited extends DomainError {
  readonly code = 'ACCESS.RATE_LIMITED';
  readonly kind = 'rate_limited' as const;
  constructor(retryAfterSeconds: number) {
    super(`Too many requests: retry after ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}
