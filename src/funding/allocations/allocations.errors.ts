// Refusals of allocation and disbursement commands, one class per reason (DESIGN §4).
import { DomainError } from '@lib/kernel';
import { FUNDING_CATEGORIES } from './allocation.events';

export class AllocationNotFound extends DomainError {
  readonly code = 'FUNDING.ALLOCATION_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(allocationId: string) {
    super('Allocation not found', { allocationId });
  }
}

export class InvalidFundingCategory extends DomainError {
  readonly code = 'FUNDING.INVALID_CATEGORY';
  readonly kind = 'validation' as const;
  constructor() {
    super(`category must be one of ${FUNDING_CATEGORIES.join(', ')}`, { allowed: [...FUNDING_CATEGORIES] });
  }
}

/** Nothing can be paid against, or changed on, a cancelled allocation. */
export class AllocationIsCancelled extends DomainError {
  readonly code = 'FUNDING.ALLOCATION_CANCELLED';
  readonly kind = 'conflict' as const;
  constructor(allocationId: string) {
    super('The allocation is cancelled', { allocationId });
  }
}

/** Money already went out against it: the allocation stands (correct it with a new allocation). */
export class AllocationHasDisbursements extends DomainError {
  readonly code = 'FUNDING.ALLOCATION_HAS_DISBURSEMENTS';
  readonly kind = 'conflict' as const;
  constructor(allocationId: string, disbursements: number) {
    super('An allocation with disbursements cannot be cancelled', { allocationId, disbursements });
  }
}

/** R7: disbursed would exceed allocated. */
export class AllocationExceeded extends DomainError {
  readonly code = 'FUNDING.ALLOCATION_EXCEEDED';
  readonly kind = 'rule' as const;
  constructor(requested: string, remaining: string) {
    super(`Requested ${requested}, only ${remaining} of the allocation remains`, { requested, remaining });
  }
}
