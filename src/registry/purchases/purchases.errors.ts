// Refusals of the purchase routes beyond the batch decider's own (batch.errors.ts).
import { DomainError } from '@lib/kernel';

export class InvalidPaymentDate extends DomainError {
  readonly code = 'REGISTRY.INVALID_PAYMENT_DATE';
  readonly kind = 'validation' as const;
  constructor(receivedAt: string) {
    super('receivedAt must be an ISO 8601 date-time with a time zone, not in the future', { receivedAt: receivedAt.slice(0, 40) });
  }
}
