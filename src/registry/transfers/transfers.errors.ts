// Refusals of transfers beyond the batch decider's own (batch.errors.ts).
import { DomainError } from '@lib/kernel';

/** The receiving company is not registered. A body field, not the path: 422 rather than 404. */
export class RecipientNotFound extends DomainError {
  readonly code = 'REGISTRY.RECIPIENT_NOT_FOUND';
  readonly kind = 'rule' as const;
  constructor(toCompanyId: string) {
    super('The receiving company is not registered', { toCompanyId });
  }
}
