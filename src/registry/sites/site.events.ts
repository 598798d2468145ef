// Events and state of a mine site (stream `site-{id}`) and of its code reservation (stream
// `site-code-{CODE}`). The site stream also numbers batches per vintage, so batch numbers are
// gap-free and unique per site and vintage under optimistic concurrency.

export const siteStreamId = (siteId: string): string => `site-${siteId}`;
/** Reserved with `no_stream` before a site registers, so codes are unique registry-wide. */
export const siteCodeStreamId = (code: string): string => `site-code-${code}`;

export interface SiteProfile {
  siteId: string;
  /** Short upper-case code used in serial numbers, e.g. `KAM`. */
  code: string;
  name: string;
  cooperative: string;
  province: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  /** Fee in basis points (0..10000) the registry keeps from sales at this site. */
  feeBps: number;
}

export interface SiteRegistered {
  type: 'SiteRegistered';
  data: SiteProfile & { registeredAt: string };
}

/** Batch `batchNo` of `vintage` at this site goes to `batchId` (issued against `milestoneId`). */
export interface BatchNumberAssigned {
  type: 'BatchNumberAssigned';
  data: { batchId: string; milestoneId: string; vintage: number; batchNo: number };
}

export type SiteEvent = SiteRegistered | BatchNumberAssigned;

export interface SiteCodeClaimed {
  type: 'SiteCodeClaimed';
  data: { siteId: string };
}

export type SiteCodeEvent = SiteCodeClaimed;

export interface AssignedBatchNumber {
  milestoneId: string;
  vintage: number;
  batchNo: number;
}

/**
 * - `unregistered`: no event yet.
 * - `registered`: `lastBatchNo` is the highest batch number per vintage; `batchNumbers` remembers
 *   every assignment by batch id, so assigning again is a no-op.
 */
export type SiteState =
  | { status: 'unregistered' }
  | ({
      status: 'registered';
      registeredAt: string;
      lastBatchNo: ReadonlyMap<number, number>;
      batchNumbers: ReadonlyMap<string, AssignedBatchNumber>;
    } & SiteProfile);

/** Who holds a site code: nobody yet, or the site that claimed it first. */
export type SiteCodeState = { status: 'free' } | { status: 'claimed'; siteId: string };
