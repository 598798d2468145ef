// Sums over the funding ledger (`funding_movements`), now or as of a day. Every funding figure
// the API shows comes from here, so the site views and the reports can never disagree.
//
// As of a day D (DESIGN funding decisions): movements with a business date on or before D AND
// recorded before the end of D (UTC). Both conditions, so a report for a past day shows what the
// books said that evening: a movement entered later, even one back-dated into the past, does not
// change it ("last quarter's figures do not change when today's events arrive").
import type { EntityManager } from 'typeorm';
import { nextDay } from '../business-date';

export interface LedgerCut {
  /** Last business day included (`YYYY-MM-DD`). */
  throughDay: string;
  /** Movements recorded at or after this instant are left out (the end of `throughDay`, UTC). */
  recordedBefore: string;
}

export function ledgerCutAt(asOfDay: string): LedgerCut {
  return { throughDay: asOfDay, recordedBefore: `${nextDay(asOfDay)}T00:00:00.000Z` };
}

/** Sums of one site, source, category (null for proceeds) and currency; bigint sums as text. */
export interface SiteLedgerRow {
  site_id: string;
  source_type: 'credit_sales' | 'grant';
  grant_id: string | null;
  category: string | null;
  currency: string;
  gross: string;
  fee: string;
  received: string;
  allocated: string;
  disbursed: string;
}

export interface GrantLedgerRow {
  grant_id: string;
  funder: string;
  reference: string;
  currency: string;
  total: string;
  site_ids: string[] | null;
  received: string;
  allocated: string;
  disbursed: string;
}

export interface ProgrammeLedgerRow {
  currency: string;
  gross: string;
  received: string;
}

const SUMS = `sum(gross_minor)::text AS gross, sum(fee_minor)::text AS fee, sum(received_minor)::text AS received,
  sum(allocated_minor)::text AS allocated, sum(disbursed_minor)::text AS disbursed`;

function cutCondition(cut: LedgerCut | null, params: unknown[], alias = ''): string {
  if (cut === null) return '';
  params.push(cut.throughDay, cut.recordedBefore);
  return ` AND ${alias}business_date <= $${params.length - 1}::date AND ${alias}recorded_at < $${params.length}::timestamptz`;
}

/** Per site, source, category and currency; `siteIds` null: every site with a movement. */
export async function siteLedgerRows(manager: EntityManager, siteIds: readonly string[] | null, cut: LedgerCut | null): Promise<SiteLedgerRow[]> {
  const params: unknown[] = [];
  let sites = 'site_id IS NOT NULL';
  if (siteIds !== null) {
    params.push(siteIds);
    sites = `site_id = ANY($${params.length}::uuid[])`;
  }
  const condition = cutCondition(cut, params);
  return manager.query(
    `SELECT site_id, source_type, grant_id, category, btrim(currency) AS currency, ${SUMS}
       FROM funding_movements
      WHERE ${sites} AND source_type <> 'programme'${condition}
      GROUP BY site_id, source_type, grant_id, category, currency`,
    params,
  );
}

/**
 * Grants with their grant-wide sums. `grantIds` null: every grant registered by the cut; with
 * `eligibleForSite`, also every grant that site may receive (not earmarked, or earmarked to it).
 */
export async function grantLedgerRows(
  manager: EntityManager,
  grantIds: readonly string[] | null,
  cut: LedgerCut | null,
  eligibleForSite: string | null = null,
): Promise<GrantLedgerRow[]> {
  const params: unknown[] = [];
  const selectors: string[] = [];
  if (grantIds !== null) {
    params.push(grantIds);
    selectors.push(`g.grant_id = ANY($${params.length}::uuid[])`);
  }
  if (eligibleForSite !== null) {
    params.push(eligibleForSite);
    selectors.push(`(g.site_ids IS NULL OR $${params.length}::uuid = ANY(g.site_ids))`);
  }
  const which = selectors.length === 0 ? 'TRUE' : `(${selectors.join(' OR ')})`;
  let registered = '';
  if (cut !== null) {
    params.push(cut.recordedBefore);
    registered = ` AND g.registered_at < $${params.length}::timestamptz`;
  }
  const condition = cutCondition(cut, params, 'm.');
  return manager.query(
    `SELECT g.grant_id, g.funder, g.reference, btrim(g.currency) AS currency, g.total_minor::text AS total, g.site_ids,
            coalesce(sum(m.received_minor), 0)::text AS received, coalesce(sum(m.allocated_minor), 0)::text AS allocated,
            coalesce(sum(m.disbursed_minor), 0)::text AS disbursed
       FROM funding_grants g
       LEFT JOIN funding_movements m ON m.grant_id = g.grant_id${condition}
      WHERE ${which}${registered}
      GROUP BY g.grant_id
      ORDER BY g.reference, g.grant_id`,
    params,
  );
}

/** The programme pool (fee shares of sales), per currency. */
export async function programmeLedgerRows(manager: EntityManager, cut: LedgerCut | null): Promise<ProgrammeLedgerRow[]> {
  const params: unknown[] = [];
  const condition = cutCondition(cut, params);
  return manager.query(
    `SELECT btrim(currency) AS currency, sum(gross_minor)::text AS gross, sum(received_minor)::text AS received
       FROM funding_movements WHERE source_type = 'programme'${condition}
      GROUP BY currency ORDER BY currency`,
    params,
  );
}
