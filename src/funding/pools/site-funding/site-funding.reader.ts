// Reads site funding from the ledger, now or as of a day: for one site (the site routes) or for
// every site with a movement (the funding report).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GrantLedgerRow, grantLedgerRows, LedgerCut, siteLedgerRows } from '../funding-ledger/ledger-queries';
import { FundingSiteRef, siteFundingOf } from './site-figures';
import type { SiteFundingView } from './site-funding.view';

interface SiteRow {
  site_id: string;
  code: string;
  name: string;
}

const siteRef = (row: SiteRow): FundingSiteRef => ({ siteId: row.site_id, code: row.code, name: row.name });

@Injectable()
export class SiteFundingReader {
  constructor(private readonly dataSource: DataSource) {}

  async site(siteId: string): Promise<FundingSiteRef | null> {
    const rows: SiteRow[] = await this.dataSource.query('SELECT site_id, code, name FROM funding_sites WHERE site_id = $1', [siteId]);
    return rows.length === 0 ? null : siteRef(rows[0]);
  }

  /** Null when the site is unknown. Shows every grant the site may receive, and any it received from. */
  async forSite(siteId: string, cut: LedgerCut | null = null): Promise<SiteFundingView | null> {
    const site = await this.site(siteId);
    if (site === null) return null;
    const manager = this.dataSource.manager;
    const rows = await siteLedgerRows(manager, [siteId], cut);
    const grants = await grantLedgerRows(manager, grantIdsIn(rows), cut, siteId);
    return siteFundingOf(site, rows, grants);
  }

  /** Every site with a movement by the cut, by site code; each shows the grants it received from. */
  async forSitesWithMovements(cut: LedgerCut | null): Promise<SiteFundingView[]> {
    const manager = this.dataSource.manager;
    const rows = await siteLedgerRows(manager, null, cut);
    const siteIds = [...new Set(rows.map((row) => row.site_id))];
    if (siteIds.length === 0) return [];
    const sites: SiteRow[] = await this.dataSource.query('SELECT site_id, code, name FROM funding_sites WHERE site_id = ANY($1::uuid[]) ORDER BY code, site_id', [siteIds]);
    const grants = await grantLedgerRows(manager, grantIdsIn(rows), cut);
    const byId = new Map<string, GrantLedgerRow>(grants.map((grant) => [grant.grant_id, grant]));
    return sites.map((row) => {
      const received = new Set(rows.filter((r) => r.site_id === row.site_id).map((r) => r.grant_id));
      const siteGrants = grants.filter((grant) => received.has(grant.grant_id) && byId.has(grant.grant_id));
      return siteFundingOf(siteRef(row), rows, siteGrants);
    });
  }
}

function grantIdsIn(rows: readonly { grant_id: string | null }[]): string[] {
  return [...new Set(rows.map((row) => row.grant_id).filter((id): id is string => id !== null))];
}
