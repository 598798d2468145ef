// Events of a site milestone (stream `milestone-{id}`): proposed by one operator, verified by
// another (R4) or rejected, then backing issuances up to its verified quantity.
import type { MoneyJson } from '@lib/kernel';

export const milestoneStreamId = (milestoneId: string): string => `milestone-${milestoneId}`;

/** A document proving the milestone: where it is and the SHA-256 of its bytes (lower-case hex). */
export interface Evidence {
  uri: string;
  sha256: string;
}

export interface MilestoneProposed {
  type: 'MilestoneProposed';
  data: {
    milestoneId: string;
    siteId: string;
    title: string;
    /** Calendar dates `YYYY-MM-DD`, both inclusive. */
    periodStart: string;
    periodEnd: string;
    quantityKg: number;
    evidence: Evidence[];
    proposedByKeyId: string;
    proposedAt: string;
  };
}

export interface MilestoneVerified {
  type: 'MilestoneVerified';
  data: { milestoneId: string; verifiedByKeyId: string; verifiedAt: string };
}

export interface MilestoneRejected {
  type: 'MilestoneRejected';
  data: { milestoneId: string; reason: string; rejectedByKeyId: string; rejectedAt: string };
}

/** Step 1 of the issuance chain: the milestone vouches for `quantityKg` of batch `batchId`. */
export interface MilestoneCreditsIssued {
  type: 'MilestoneCreditsIssued';
  data: { milestoneId: string; batchId: string; quantityKg: number; vintage: number; pricePerTonne: MoneyJson; issuedAt: string };
}

export type MilestoneEvent = MilestoneProposed | MilestoneVerified | MilestoneRejected | MilestoneCreditsIssued;

export type MilestoneEventType = MilestoneEvent['type'];
