// Refusals of the Idempotency-Key protocol (R12, Stripe's semantics).
import { DomainError } from '@lib/kernel';

export class InvalidIdempotencyKey extends DomainError {
  readonly code = 'IDEMPOTENCY.INVALID_KEY';
  readonly kind = 'validation' as const;
  constructor() {
    super('Idempotency-Key must be 1 to 255 printable ASCII characters');
  }
}

export class IdempotencyKeyReused extends DomainError {
  readonly code = 'IDEMPOTENCY.KEY_REUSED';
  readonly kind = 'rule' as const;
  constructor() {
    super('This Idempotency-Key was already used with a different request (method, path or body)');
  }
}

export class IdempotentRequestInFlight extends DomainError {
  readonly code = 'IDEMPOTENCY.IN_FLIGHT';
  readonly kind = 'conflict' as const;
  constructor() {
    super('A request with this Idempotency-Key is still being processed; retry later');
  }
}
