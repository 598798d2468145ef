import type { GrantReport } from './grant-report';
import { grantReportCsv } from './grant-report.csv';

const eur = (cents: number) => ({ currency: 'EUR', value: cents });
const zero = { received: eur(0), allocated: eur(0), disbursed: eur(0), unallocated: eur(0), undisbursed: eur(0), outstanding: eur(0) };
const GRANT = '01900000-0000-7000-8000-0000000000e1';

function report(overrides: Partial<GrantReport> = {}): GrantReport {
  return {
    grant: { grantId: GRANT, funder: 'Funder, "The" Ltd', reference: 'REF-1', total: eur(100), siteIds: null },
    period: { from: null, to: null },
    opening: zero,
    tranches: [],
    allocations: [],
    cancellations: [],
    bySiteAndCategory: [],
    disbursements: [],
    closing: zero,
    ...overrides,
  };
}

describe('grant report CSV', () => {
  it('csv_WhenTextHasCommasQuotesOrLineBreaks_ThenQuotedWithQuotesDoubled', () => {
    const [, grantLine] = grantReportCsv(report()).split('\r\n');
    expect(grantLine).toBe(`grant,,,,"Funder, ""The"" Ltd",REF-1,${GRANT},EUR,1.00`);
    const disbursement = report({
      disbursements: [
        { disbursementId: 'd', allocationId: 'a', siteId: 's', siteCode: 'KAM', category: 'environment', paidAt: '2026-03-01', amount: eur(5), payee: 'Line one\nline two', bankRef: 'B-1' },
      ],
    });
    expect(grantReportCsv(disbursement)).toContain('disbursement,2026-03-01,KAM,environment,"Line one\nline two",B-1,d,EUR,0.05\r\n');
  });

  it('csv_WhenPeopleTextStartsLikeAFormula_ThenPrefixedWithAnApostrophe', () => {
    for (const payee of ['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)']) {
      const csv = grantReportCsv(
        report({
          disbursements: [{ disbursementId: 'd', allocationId: 'a', siteId: 's', siteCode: null, category: 'environment', paidAt: '2026-03-01', amount: eur(1), payee, bankRef: 'B' }],
        }),
      );
      const line = csv.split('\r\n').find((l) => l.startsWith('disbursement,')) ?? '';
      expect(line.split(',')[4].replace(/^"/, '').startsWith("'")).toBe(true);
    }
  });

  it('csv_WhenNoRange_ThenNoOpeningRowsAndClosingUndated', () => {
    const lines = grantReportCsv(report()).split('\r\n');
    expect(lines.some((l) => l.startsWith('opening_balance'))).toBe(false);
    expect(lines.filter((l) => l.startsWith('closing_balance,,')).length).toBe(6);
  });
});
