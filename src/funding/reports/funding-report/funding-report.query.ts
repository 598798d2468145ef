// Computes the funding report from the funding ledger as of a day: movements dated on or before
// it AND recorded by its end (see ledger-queries.ts), so a past day's report never changes.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { moneyJson } from '../../pools/funding-money';
import { grantLedgerRows, ledgerCutAt, programmeLedgerRows } from '../../pools/funding-ledger/ledger-queries';
import { SiteFundingReader } from '../../pools/site-funding/site-funding.reader';
import type { CurrencyTotalsView, FundingReportView, GrantFiguresView } from './funding-report.view';

export const FUNDING_REPORT_BASIS =
  'Movements with a business date on or before asOf and recorded before the end of that day (UTC); ' +
  'later entries, even back-dated ones, do not change it. Amounts in minor units, per currency.';

export class GetFundingReportQuery extends Query<FundingReportView> {
  constructor(readonly asOf: string) {
    super();
  }
}

@QueryHandler(GetFundingReportQuery)
export class GetFundingReportHandler implements IQueryHandler<GetFundingReportQuery, FundingReportView> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sites: SiteFundingReader,
  ) {}

  async execute({ asOf }: GetFundingReportQuery): Promise<FundingReportView> {
    const cut = ledgerCutAt(asOf);
    const manager = this.dataSource.manager;
    const [sites, grantRows, programmeRows] = await Promise.all([
      this.sites.forSitesWithMovements(cut),
      grantLedgerRows(manager, null, cut),
      programmeLedgerRows(manager, cut),
    ]);
    const grants: GrantFiguresView[] = grantRows.map((g) => {
      const [total, received, allocated, disbursed] = [g.total, g.received, g.allocated, g.disbursed].map(BigInt);
      return {
        grantId: g.grant_id,
        funder: g.funder,
        reference: g.reference,
        currency: g.currency,
        total: moneyJson(g.currency, total),
        received: moneyJson(g.currency, received),
        allocated: moneyJson(g.currency, allocated),
        disbursed: moneyJson(g.currency, disbursed),
        unallocated: moneyJson(g.currency, received - allocated),
        undisbursed: moneyJson(g.currency, allocated - disbursed),
        outstanding: moneyJson(g.currency, total - received),
      };
    });
    const totals = new Map<string, { received: bigint; allocated: bigint; disbursed: bigint }>();
    const add = (currency: string, received: bigint, allocated: bigint, disbursed: bigint): void => {
      const sums = totals.get(currency) ?? { received: 0n, allocated: 0n, disbursed: 0n };
      totals.set(currency, { received: sums.received + received, allocated: sums.allocated + allocated, disbursed: sums.disbursed + disbursed });
    };
    // Grant money is received once, by the grant; sites add what they were allocated and paid.
    for (const site of sites) {
      for (const pool of site.pools) {
        const received = pool.source.type === 'credit_sales' ? BigInt(pool.received.value) : 0n;
        add(pool.currency, received, BigInt(pool.allocated.value), BigInt(pool.disbursed.value));
      }
    }
    for (const grant of grants) add(grant.currency, BigInt(grant.received.value), 0n, 0n);
    for (const row of programmeRows) add(row.currency, BigInt(row.received), 0n, 0n);
    const totalViews: CurrencyTotalsView[] = [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, sums]) => ({
        currency,
        received: moneyJson(currency, sums.received),
        allocated: moneyJson(currency, sums.allocated),
        disbursed: moneyJson(currency, sums.disbursed),
      }));
    return {
      asOf,
      basis: FUNDING_REPORT_BASIS,
      sites,
      grants,
      programme: programmeRows.map((row) => ({ currency: row.currency, grossSales: moneyJson(row.currency, row.gross), received: moneyJson(row.currency, row.received) })),
      totals: totalViews,
    };
  }
}
