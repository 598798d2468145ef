// Refusals of batch commands, one class per reason with a stable code (DESIGN §4).
import { DomainError } from '@lib/kernel';

export class BatchNotFound extends DomainError {
  readonly code = 'REGISTRY.BATCH_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(batchId?: string) {
    super(batchId === undefined ? 'Batch not found' : `Batch ${batchId} not found`, batchId === undefined ? undefined : { batchId });
  }
}

export class BatchAlreadyIssued extends DomainError {
  readonly code = 'REGISTRY.BATCH_ALREADY_ISSUED';
  readonly kind = 'conflict' as const;
  constructor(batchId: string) {
    super(`Batch ${batchId} is already issued`, { batchId });
  }
}

export class InsufficientUnits extends DomainError {
  readonly code = 'REGISTRY.INSUFFICIENT_UNITS';
  readonly kind = 'rule' as const;
  constructor(requestedKg: number, availableKg: number) {
    super(`Requested ${requestedKg} kg, only ${availableKg} kg available`, { requestedKg, availableKg });
  }
}

export class InsufficientHolding extends DomainError {
  readonly code = 'REGISTRY.INSUFFICIENT_HOLDING';
  readonly kind = 'rule' as const;
  constructor(requestedKg: number, heldKg: number) {
    super(`Requested ${requestedKg} kg, the company holds ${heldKg} kg of this batch`, { requestedKg, heldKg });
  }
}

export class PurchaseNotFound extends DomainError {
  readonly code = 'REGISTRY.PURCHASE_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(purchaseId: string) {
    super(`Purchase ${purchaseId} not found`, { purchaseId });
  }
}

export class PurchaseNotReserved extends DomainError {
  readonly code = 'REGISTRY.PURCHASE_NOT_RESERVED';
  readonly kind = 'conflict' as const;
  constructor(purchaseId: string, status: string) {
    super(`Purchase ${purchaseId} is ${status}, not reserved`, { purchaseId, status });
  }
}

/** R6: a settlement needs a payment equal to the invoiced amount in the invoiced currency. */
export class PaymentMismatch extends DomainError {
  readonly code = 'REGISTRY.PAYMENT_MISMATCH';
  readonly kind = 'rule' as const;
  constructor(invoiced: string, paid: string) {
    super(`Payment of ${paid} does not equal the invoiced ${invoiced}`, { invoiced, paid });
  }
}

export class ReservationNotDue extends DomainError {
  readonly code = 'REGISTRY.RESERVATION_NOT_DUE';
  readonly kind = 'conflict' as const;
  constructor(purchaseId: string, reservedUntil: string) {
    super(`Reservation ${purchaseId} runs until ${reservedUntil}`, { purchaseId, reservedUntil });
  }
}

export class SelfTransfer extends DomainError {
  readonly code = 'REGISTRY.SELF_TRANSFER';
  readonly kind = 'rule' as const;
  constructor() {
    super('A company cannot transfer credits to itself');
  }
}

export class InvalidClaimYear extends DomainError {
  readonly code = 'REGISTRY.INVALID_CLAIM_YEAR';
  readonly kind = 'rule' as const;
  constructor(claimYear: number, vintage: number, currentYear: number) {
    super(`Claim year must be between the vintage ${vintage} and ${currentYear}`, { claimYear, vintage, currentYear });
  }
}

export class InvalidPrice extends DomainError {
  readonly code = 'REGISTRY.INVALID_PRICE';
  readonly kind = 'validation' as const;
  constructor(reason: string) {
    super(`Invalid price: ${reason}`);
  }
}

/** A command id (purchase, transfer, retirement) already used for something else. */
export class CommandIdConflict extends DomainError {
  readonly code = 'REGISTRY.ID_ALREADY_USED';
  readonly kind = 'conflict' as const;
  constructor(id: string) {
    super(`Id ${id} is already used by a different request`, { id });
  }
}
