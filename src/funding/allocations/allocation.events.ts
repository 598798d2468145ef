// Events of committee allocations (DESIGN §1). They live on the stream of their source:
// `site-funds-{siteId}` for sale proceeds, `grant-{grantId}` for a grant, so "allocated ≤
// received" (R7) is decided inside one stream under optimistic concurrency.
import type { MoneyJson } from '@lib/kernel';
import type { FundingSource } from '../pools/funding-source';

/** The four areas the worker-led committee directs money to. */
export const FUNDING_CATEGORIES = ['health_safety', 'child_rights', 'cooperative_governance', 'environment'] as const;
export type FundingCategory = (typeof FUNDING_CATEGORIES)[number];

export function isFundingCategory(value: unknown): value is FundingCategory {
  return typeof value === 'string' && (FUNDING_CATEGORIES as readonly string[]).includes(value);
}

export interface AllocationRecorded {
  type: 'AllocationRecorded';
  data: {
    allocationId: string;
    siteId: string;
    source: FundingSource;
    category: FundingCategory;
    amount: MoneyJson;
    project: string;
    committeeRef: string;
    /** Business date of the committee decision (YYYY-MM-DD or ISO date-time). */
    decidedAt: string;
  };
}

/** Frees the allocated amount; only while nothing was disbursed against it. */
export interface AllocationCancelled {
  type: 'AllocationCancelled';
  data: { allocationId: string; siteId: string; reason: string; cancelledAt: string };
}

export type AllocationEvent = AllocationRecorded | AllocationCancelled;
