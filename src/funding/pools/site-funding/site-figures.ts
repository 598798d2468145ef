// Turns ledger sums (ledger-queries.ts) into a site's funding view. Pure: amounts stay bigint
// until they become `{currency, value}`, and every list has a fixed order so the same ledger
// always gives the same bytes (the as-of report relies on it).
import { FUNDING_CATEGORIES, FundingCategory } from '../../allocations/allocation.events';
import { moneyJson } from '../funding-money';
import type { GrantLedgerRow, SiteLedgerRow } from '../funding-ledger/ledger-queries';
import type { CategoryFiguresView, PoolView, SiteCategoryView, SiteFundingView } from './site-funding.view';

export interface FundingSiteRef {
  siteId: string;
  code: string;
  name: string;
}

interface Sums {
  gross: bigint;
  fee: bigint;
  received: bigint;
  allocated: bigint;
  disbursed: bigint;
}

const zero = (): Sums => ({ gross: 0n, fee: 0n, received: 0n, allocated: 0n, disbursed: 0n });

function add(into: Sums, row: SiteLedgerRow): void {
  into.gross += BigInt(row.gross);
  into.fee += BigInt(row.fee);
  into.received += BigInt(row.received);
  into.allocated += BigInt(row.allocated);
  into.disbursed += BigInt(row.disbursed);
}

function categoryOrder(category: string): number {
  const index = (FUNDING_CATEGORIES as readonly string[]).indexOf(category);
  return index < 0 ? FUNDING_CATEGORIES.length : index;
}

function categoriesOf(rows: readonly SiteLedgerRow[], currency: string): CategoryFiguresView[] {
  const byCategory = new Map<string, Sums>();
  for (const row of rows) {
    if (row.category === null) continue;
    const sums = byCategory.get(row.category) ?? zero();
    add(sums, row);
    byCategory.set(row.category, sums);
  }
  return [...byCategory.entries()]
    .sort(([a], [b]) => categoryOrder(a) - categoryOrder(b) || a.localeCompare(b))
    .map(([category, sums]) => ({
      category: category as FundingCategory,
      allocated: moneyJson(currency, sums.allocated),
      disbursed: moneyJson(currency, sums.disbursed),
    }));
}

function total(rows: readonly SiteLedgerRow[]): Sums {
  const sums = zero();
  for (const row of rows) add(sums, row);
  return sums;
}

function creditSalesPools(rows: readonly SiteLedgerRow[]): PoolView[] {
  const currencies = [...new Set(rows.filter((r) => r.source_type === 'credit_sales').map((r) => r.currency))].sort();
  return currencies.map((currency) => {
    const mine = rows.filter((r) => r.source_type === 'credit_sales' && r.currency === currency);
    const sums = total(mine);
    return {
      source: { type: 'credit_sales' },
      currency,
      received: moneyJson(currency, sums.received),
      allocated: moneyJson(currency, sums.allocated),
      disbursed: moneyJson(currency, sums.disbursed),
      available: moneyJson(currency, sums.received - sums.allocated),
      undisbursed: moneyJson(currency, sums.allocated - sums.disbursed),
      grossSales: moneyJson(currency, sums.gross),
      fees: moneyJson(currency, sums.fee),
      categories: categoriesOf(mine, currency),
    };
  });
}

function grantPool(grant: GrantLedgerRow, rows: readonly SiteLedgerRow[]): PoolView {
  const mine = rows.filter((r) => r.source_type === 'grant' && r.grant_id === grant.grant_id);
  const sums = total(mine);
  const { currency } = grant;
  return {
    source: { type: 'grant', grantId: grant.grant_id, funder: grant.funder, reference: grant.reference },
    currency,
    received: moneyJson(currency, grant.received),
    allocated: moneyJson(currency, sums.allocated),
    disbursed: moneyJson(currency, sums.disbursed),
    available: moneyJson(currency, BigInt(grant.received) - BigInt(grant.allocated)),
    undisbursed: moneyJson(currency, sums.allocated - sums.disbursed),
    grossSales: null,
    fees: null,
    categories: categoriesOf(mine, currency),
  };
}

function siteCategories(rows: readonly SiteLedgerRow[]): SiteCategoryView[] {
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  return currencies.flatMap((currency) =>
    categoriesOf(
      rows.filter((r) => r.currency === currency),
      currency,
    ).map((figures) => ({ ...figures, currency })),
  ).sort((a, b) => categoryOrder(a.category) - categoryOrder(b.category) || a.currency.localeCompare(b.currency));
}

/**
 * `rows`: this site's ledger sums. `grants`: the grants to show a pool for (those the site may
 * receive, and any it did receive from), already in display order, with their grant-wide sums.
 */
export function siteFundingOf(site: FundingSiteRef, rows: readonly SiteLedgerRow[], grants: readonly GrantLedgerRow[]): SiteFundingView {
  const mine = rows.filter((row) => row.site_id === site.siteId);
  return {
    siteId: site.siteId,
    siteCode: site.code,
    siteName: site.name,
    pools: [...creditSalesPools(mine), ...grants.map((grant) => grantPool(grant, mine))],
    categories: siteCategories(mine),
  };
}
