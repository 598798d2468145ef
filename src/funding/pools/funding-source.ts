// Where allocated money comes from (DESIGN §1, funding pool): a site's sale proceeds
// (`credit_sales`, kept on `site-funds-{siteId}`) or a grant (kept on `grant-{grantId}`). The
// source decides which stream an allocation, and every disbursement against it, lives on.

export type FundingSource = { type: 'credit_sales' } | { type: 'grant'; grantId: string };

export type FundingSourceType = FundingSource['type'];

export const FUNDING_SOURCE_TYPES: readonly FundingSourceType[] = ['credit_sales', 'grant'];

export const SITE_FUNDS_STREAM_PREFIX = 'site-funds-';
export const GRANT_STREAM_PREFIX = 'grant-';
/** The programme's own pool: the registry's fee share of every sale. */
export const PROGRAMME_FUNDS_STREAM = 'programme-funds';

export const siteFundsStreamId = (siteId: string): string => `${SITE_FUNDS_STREAM_PREFIX}${siteId}`;
export const grantStreamId = (grantId: string): string => `${GRANT_STREAM_PREFIX}${grantId}`;

/** The stream holding allocations from `source` to `siteId`. */
export function allocationStreamId(siteId: string, source: FundingSource): string {
  switch (source.type) {
    case 'credit_sales':
      return siteFundsStreamId(siteId);
    case 'grant':
      return grantStreamId(source.grantId);
    default: {
      const unreachable: never = source;
      throw new Error(`Unknown funding source ${JSON.stringify(unreachable)}`);
    }
  }
}

export function sameSource(a: FundingSource, b: FundingSource): boolean {
  if (a.type === 'grant' && b.type === 'grant') return a.grantId === b.grantId;
  return a.type === b.type;
}
