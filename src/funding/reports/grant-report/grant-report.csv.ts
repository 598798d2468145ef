// The grant report as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or
// line break quoted, quotes doubled), one table with a `section` column so a spreadsheet can
// filter it. Amounts are exact decimals in major units (`40000.00`) next to their currency.
// Text typed by people (projects, payees, references) that starts with = + - @ or a tab is
// prefixed with an apostrophe, so a spreadsheet never runs it as a formula (CSV injection).
import { MoneyJson, Money } from '@lib/kernel';
import type { GrantBalances, GrantReport } from './grant-report';

export const GRANT_REPORT_CSV_HEADER = ['section', 'date', 'site_code', 'category', 'description', 'reference', 'id', 'currency', 'amount'] as const;

type CsvRow = Record<(typeof GRANT_REPORT_CSV_HEADER)[number], string>;

const FORMULA_START = /^[=+\-@\t\r]/;

function escapeField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** People's text: neutralise a leading formula character, then escape. */
function text(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function amountOf(money: MoneyJson): { currency: string; amount: string } {
  return { currency: money.currency, amount: Money.fromJSON(money).toDecimalString() };
}

function row(partial: Partial<CsvRow> & Pick<CsvRow, 'section'>): CsvRow {
  return { date: '', site_code: '', category: '', description: '', reference: '', id: '', currency: '', amount: '', ...partial };
}

function balanceRows(section: string, date: string, balances: GrantBalances): CsvRow[] {
  const names: (keyof GrantBalances)[] = ['received', 'allocated', 'disbursed', 'unallocated', 'undisbursed', 'outstanding'];
  return names.map((name) => row({ section, date, description: name, ...amountOf(balances[name]) }));
}

export function grantReportCsv(report: GrantReport): string {
  const { period } = report;
  const rows: CsvRow[] = [
    row({ section: 'grant', description: text(report.grant.funder), reference: text(report.grant.reference), id: report.grant.grantId, ...amountOf(report.grant.total) }),
    ...(period.from === null ? [] : balanceRows('opening_balance', period.from, report.opening)),
    ...report.tranches.map((t) => row({ section: 'tranche', date: t.receivedAt, description: 'tranche received', reference: text(t.bankRef), id: t.trancheId, ...amountOf(t.amount) })),
    ...report.allocations.map((a) =>
      row({
        section: a.status === 'cancelled' ? 'allocation_cancelled' : 'allocation',
        date: a.decidedAt,
        site_code: a.siteCode ?? a.siteId,
        category: a.category,
        description: text(a.project),
        reference: text(a.committeeRef),
        id: a.allocationId,
        ...amountOf(a.amount),
      }),
    ),
    ...report.cancellations.map((c) =>
      row({ section: 'cancellation', date: c.cancelledAt, site_code: c.siteCode ?? c.siteId, category: c.category, description: text(c.reason), id: c.allocationId, ...amountOf(c.amount) }),
    ),
    ...report.disbursements.map((d) =>
      row({
        section: 'disbursement',
        date: d.paidAt,
        site_code: d.siteCode ?? d.siteId,
        category: d.category,
        description: text(d.payee),
        reference: text(d.bankRef),
        id: d.disbursementId,
        ...amountOf(d.amount),
      }),
    ),
    ...report.bySiteAndCategory.flatMap((s) => [
      row({ section: 'site_category', site_code: s.siteCode ?? s.siteId, category: s.category, description: 'allocated', ...amountOf(s.allocated) }),
      row({ section: 'site_category', site_code: s.siteCode ?? s.siteId, category: s.category, description: 'disbursed', ...amountOf(s.disbursed) }),
    ]),
    ...balanceRows('closing_balance', period.to ?? '', report.closing),
  ];
  const lines = [GRANT_REPORT_CSV_HEADER.join(','), ...rows.map((r) => GRANT_REPORT_CSV_HEADER.map((column) => escapeField(r[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
