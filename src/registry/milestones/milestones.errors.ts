// Refusals of the milestones slice (R4 and input checks), one class per reason with a stable code.
import { DomainError } from '@lib/kernel';

export class MilestoneNotFound extends DomainError {
  readonly code = 'REGISTRY.MILESTONE_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(milestoneId?: string) {
    super('Milestone not found', milestoneId === undefined ? undefined : { milestoneId });
  }
}

export class MilestoneAlreadyProposed extends DomainError {
  readonly code = 'REGISTRY.MILESTONE_ALREADY_PROPOSED';
  readonly kind = 'conflict' as const;
  constructor(milestoneId: string) {
    super(`Milestone ${milestoneId} is already proposed`, { milestoneId });
  }
}

export class InvalidPeriod extends DomainError {
  readonly code = 'REGISTRY.INVALID_PERIOD';
  readonly kind = 'validation' as const;
  constructor(reason: string) {
    super(`Invalid period: ${reason}`);
  }
}

export class InvalidEvidence extends DomainError {
  readonly code = 'REGISTRY.INVALID_EVIDENCE';
  readonly kind = 'validation' as const;
  constructor(reason: string, index?: number) {
    super(`Invalid evidence: ${reason}`, index === undefined ? undefined : { index });
  }
}

/** R4: four eyes. Key ids are compared, as the registry knows API keys, not people. */
export class SelfVerification extends DomainError {
  readonly code = 'REGISTRY.SELF_VERIFICATION';
  readonly kind = 'rule' as const;
  constructor() {
    super('A milestone must be verified with another API key than the one that proposed it');
  }
}

export class MilestoneRejected extends DomainError {
  readonly code = 'REGISTRY.MILESTONE_REJECTED';
  readonly kind = 'conflict' as const;
  constructor(milestoneId: string) {
    super(`Milestone ${milestoneId} was rejected`, { milestoneId });
  }
}

export class MilestoneAlreadyVerified extends DomainError {
  readonly code = 'REGISTRY.MILESTONE_ALREADY_VERIFIED';
  readonly kind = 'conflict' as const;
  constructor(milestoneId: string) {
    super(`Milestone ${milestoneId} is already verified`, { milestoneId });
  }
}

/** R4: credits are issued only against a verified milestone. */
export class MilestoneNotVerified extends DomainError {
  readonly code = 'REGISTRY.MILESTONE_NOT_VERIFIED';
  readonly kind = 'rule' as const;
  constructor(milestoneId: string, status: string) {
    super(`Milestone ${milestoneId} is ${status}, not verified`, { milestoneId, status });
  }
}

/** R4: the credits issued against a milestone never exceed its verified quantity. */
export class IssuanceExceedsVerified extends DomainError {
  readonly code = 'REGISTRY.ISSUANCE_EXCEEDS_VERIFIED';
  readonly kind = 'rule' as const;
  constructor(requestedKg: number, remainingKg: number) {
    super(`Requested ${requestedKg} kg, only ${remainingKg} kg of the verified quantity remain`, { requestedKg, remainingKg });
  }
}

export class InvalidVintage extends DomainError {
  readonly code = 'REGISTRY.INVALID_VINTAGE';
  readonly kind = 'rule' as const;
  constructor(vintage: number, expected: string) {
    super(`Vintage must be ${expected}`, { vintage: String(vintage) });
  }
}
