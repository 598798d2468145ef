// The funding report as of a day and the grant report (JSON and CSV). A first quarter of activity
// is recorded with the app clock in March; then, with the clock in November, new movements arrive
// (some dated today, one back-dated into March, one cancelling a March allocation): the March
// report must stay byte-identical while today's report shows them.
import { FixedClock, Money } from '@lib/kernel';
import request from 'supertest';
import { appClock, bearer } from '../access/access-fixtures';
import {
  allocate,
  awaitFunding,
  awaitProceeds,
  createFundingTestApp,
  disburse,
  eur,
  FundingTestApp,
  logPositionOf,
  receiveTranche,
  registerGrant,
  registerSite,
  settlePurchase,
} from './funding-fixtures';

const MARCH = '2026-03-15T12:00:00.000Z';
const NOVEMBER = '2026-11-20T09:00:00.000Z';

interface Report {
  sites: { siteCode: string; pools: { source: { type: string }; currency: string; received: { value: number }; allocated: { value: number }; disbursed: { value: number } }[] }[];
  grants: { reference: string; received: { value: number }; allocated: { value: number }; disbursed: { value: number }; unallocated: { value: number } }[];
  programme: { currency: string; received: { value: number } }[];
  totals: { currency: string; received: { value: number }; allocated: { value: number }; disbursed: { value: number } }[];
}

describe('funding reports (e2e)', () => {
  let testApp: FundingTestApp;
  let kam: string;
  let grantId: string;
  let secondAllocationId: string;
  let marchPosition: string;

  const fundingReport = (asOf: string, minPosition: string, key = testApp.auditorKey): request.Test =>
    request(testApp.server).get('/v1/reports/funding').query({ asOf, minPosition }).set(bearer(key));

  beforeAll(async () => {
    testApp = await createFundingTestApp('funding_reports');
    const clock = new FixedClock(MARCH);
    appClock(testApp).use(clock);
    kam = await registerSite(testApp, 'KAM', 500);
    const sale = await settlePurchase(testApp, { siteId: kam, code: 'KAM' }, Money.of('USD', 480_000), 2_500, '2026-03-09T10:00:00.000Z');
    await awaitProceeds(testApp, sale.position, kam);
    ({ id: grantId } = await registerGrant(testApp.server, testApp.financeKey, {
      funder: 'European Partnership for Responsible Minerals',
      reference: 'EPRM-2024-017',
      total: eur(320_000),
    }));
    await receiveTranche(testApp.server, testApp.financeKey, grantId, { amount: eur(160_000), receivedAt: '2026-03-02', bankRef: 'EPRM-TR-1' }).expect(201);
    const source = { type: 'grant' as const, grantId };
    const first = await allocate(testApp.server, testApp.operatorKey, {
      siteId: kam,
      source,
      category: 'child_rights',
      amount: eur(40_000),
      project: 'Bursaries, uniforms and books',
      committeeRef: 'KAM-FAC-2026-02',
      decidedAt: '2026-03-10',
    }).expect(201);
    const second = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source, category: 'environment', amount: eur(10_000), project: 'Tailings pond lining', decidedAt: '2026-03-11' }).expect(201);
    secondAllocationId = (second.body as { id: string }).id;
    await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'credit_sales' }, category: 'health_safety', amount: { currency: 'USD', value: 600_000 }, decidedAt: '2026-03-12' }).expect(201);
    const paid = await disburse(testApp.server, testApp.financeKey, (first.body as { id: string }).id, {
      amount: eur(25_000),
      paidAt: '2026-03-12',
      payee: '=CMDS school fund',
      bankRef: 'OUT-EPRM-1',
    }).expect(201);
    marchPosition = await awaitFunding(testApp, logPositionOf(paid));
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('fundingReport_WhenLaterEventsArrive_ThenThePastReportIsByteIdentical_AndTodaysShowsThem', async () => {
    const before = await fundingReport('2026-03-31', marchPosition).expect(200);
    const march = before.body as Report;
    expect(march.sites.map((s) => s.siteCode)).toEqual(['KAM']);
    expect(march.sites[0].pools.map((p) => [p.source.type, p.currency, p.received.value, p.allocated.value, p.disbursed.value])).toEqual([
      ['credit_sales', 'USD', 1_140_000, 600_000, 0],
      ['grant', 'EUR', 16_000_000, 5_000_000, 2_500_000],
    ]);
    expect(march.grants.map((g) => [g.reference, g.received.value, g.allocated.value, g.unallocated.value])).toEqual([['EPRM-2024-017', 16_000_000, 5_000_000, 11_000_000]]);
    expect(march.programme).toEqual([{ currency: 'USD', grossSales: { currency: 'USD', value: 1_200_000 }, received: { currency: 'USD', value: 60_000 } }]);
    expect(march.totals.map((t) => [t.currency, t.received.value, t.allocated.value, t.disbursed.value])).toEqual([
      ['EUR', 16_000_000, 5_000_000, 2_500_000],
      ['USD', 1_200_000, 600_000, 0],
    ]);
    // The day before anything was dated shows nothing.
    expect((await fundingReport('2026-03-01', marchPosition).expect(200)).body).toMatchObject({ sites: [], totals: [] });

    appClock(testApp).use(new FixedClock(NOVEMBER));
    const sale = await settlePurchase(testApp, { siteId: kam, code: 'KAM' }, Money.of('USD', 480_000), 1_000, '2026-11-20T08:00:00.000Z');
    await awaitProceeds(testApp, sale.position, kam);
    await receiveTranche(testApp.server, testApp.financeKey, grantId, { amount: eur(80_000), receivedAt: '2026-11-20', bankRef: 'EPRM-TR-2' }).expect(201);
    await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'grant', grantId }, category: 'health_safety', amount: eur(5_000), decidedAt: '2026-03-20' }).expect(201);
    await request(testApp.server).post(`/v1/allocations/${secondAllocationId}/cancel`).set(bearer(testApp.operatorKey)).send({ reason: 'Merged into a larger project' }).expect(200);
    const last = await disburse(testApp.server, testApp.financeKey, secondAllocationId, { amount: eur(1) }).expect(409);
    expect(last.body).toMatchObject({ error: { code: 'FUNDING.ALLOCATION_CANCELLED' } });
    const today = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'credit_sales' }, category: 'environment', amount: { currency: 'USD', value: 1_000 }, decidedAt: '2026-11-20' }).expect(201);
    const nowPosition = await awaitFunding(testApp, logPositionOf(today));

    const after = await fundingReport('2026-03-31', nowPosition, testApp.financeKey).expect(200);
    expect(after.text).toBe(before.text);

    const november = (await fundingReport('2026-11-20', nowPosition).expect(200)).body as Report;
    expect(november.grants.map((g) => [g.received.value, g.allocated.value, g.disbursed.value])).toEqual([[24_000_000, 4_500_000, 2_500_000]]);
    expect(november.totals.map((t) => [t.currency, t.received.value, t.allocated.value])).toEqual([
      ['EUR', 24_000_000, 4_500_000],
      ['USD', 1_680_000, 601_000],
    ]);
  });

  it('grantReport_WhenJsonForAQuarter_ThenTranchesAllocationsBySiteAndCategoryDisbursementsAndBalances', async () => {
    const response = await request(testApp.server).get(`/v1/reports/grants/${grantId}`).query({ from: '2026-03-01', to: '2026-03-31' }).set(bearer(testApp.auditorKey)).expect(200);
    expect(response.body).toMatchObject({
      grant: { grantId, reference: 'EPRM-2024-017', total: eur(320_000), siteIds: null },
      period: { from: '2026-03-01', to: '2026-03-31' },
      opening: { received: eur(0), allocated: eur(0), outstanding: eur(320_000) },
      tranches: [{ receivedAt: '2026-03-02', amount: eur(160_000), bankRef: 'EPRM-TR-1' }],
      bySiteAndCategory: [
        { siteCode: 'KAM', category: 'child_rights', allocated: eur(40_000), disbursed: eur(25_000) },
        { siteCode: 'KAM', category: 'environment', allocated: eur(10_000), disbursed: eur(0) },
        { siteCode: 'KAM', category: 'health_safety', allocated: eur(5_000), disbursed: eur(0) },
      ],
      disbursements: [{ siteCode: 'KAM', category: 'child_rights', paidAt: '2026-03-12', amount: eur(25_000), payee: '=CMDS school fund', bankRef: 'OUT-EPRM-1' }],
      cancellations: [],
      closing: { received: eur(160_000), allocated: eur(55_000), disbursed: eur(25_000), unallocated: eur(105_000), undisbursed: eur(30_000), outstanding: eur(160_000) },
    });
    // Cancelled in November: still active at the end of March.
    expect((response.body as { allocations: { status: string }[] }).allocations.map((a) => a.status)).toEqual(['active', 'active', 'active']);

    const whole = await request(testApp.server).get(`/v1/reports/grants/${grantId}`).set(bearer(testApp.financeKey)).expect(200);
    expect(whole.body).toMatchObject({
      cancellations: [{ category: 'environment', amount: eur(10_000), reason: 'Merged into a larger project' }],
      closing: { received: eur(240_000), allocated: eur(45_000), disbursed: eur(25_000), unallocated: eur(195_000), undisbursed: eur(20_000), outstanding: eur(80_000) },
    });
  });

  it('grantReport_WhenCsv_ThenOneRfc4180TableWithExactAmounts_AndFormulasNeutralised', async () => {
    const response = await request(testApp.server)
      .get(`/v1/reports/grants/${grantId}`)
      .query({ format: 'csv', from: '2026-03-01', to: '2026-03-31' })
      .set(bearer(testApp.financeKey))
      .expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="grant-EPRM-2024-017-2026-03-01-2026-03-31.csv"');
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe('section,date,site_code,category,description,reference,id,currency,amount');
    expect(lines[lines.length - 1]).toBe('');
    const rows = lines.slice(1, -1).map((line) => line.replace(/,[0-9a-f-]{36},/, ',<id>,'));
    expect(rows).toEqual([
      'grant,,,,European Partnership for Responsible Minerals,EPRM-2024-017,<id>,EUR,320000.00',
      'opening_balance,2026-03-01,,,received,,,EUR,0.00',
      'opening_balance,2026-03-01,,,allocated,,,EUR,0.00',
      'opening_balance,2026-03-01,,,disbursed,,,EUR,0.00',
      'opening_balance,2026-03-01,,,unallocated,,,EUR,0.00',
      'opening_balance,2026-03-01,,,undisbursed,,,EUR,0.00',
      'opening_balance,2026-03-01,,,outstanding,,,EUR,320000.00',
      'tranche,2026-03-02,,,tranche received,EPRM-TR-1,<id>,EUR,160000.00',
      'allocation,2026-03-10,KAM,child_rights,"Bursaries, uniforms and books",KAM-FAC-2026-02,<id>,EUR,40000.00',
      'allocation,2026-03-11,KAM,environment,Tailings pond lining,FAC-2026-03,<id>,EUR,10000.00',
      'allocation,2026-03-20,KAM,health_safety,Ventilation of shaft 3,FAC-2026-03,<id>,EUR,5000.00',
      "disbursement,2026-03-12,KAM,child_rights,'=CMDS school fund,OUT-EPRM-1,<id>,EUR,25000.00",
      'site_category,,KAM,child_rights,allocated,,,EUR,40000.00',
      'site_category,,KAM,child_rights,disbursed,,,EUR,25000.00',
      'site_category,,KAM,environment,allocated,,,EUR,10000.00',
      'site_category,,KAM,environment,disbursed,,,EUR,0.00',
      'site_category,,KAM,health_safety,allocated,,,EUR,5000.00',
      'site_category,,KAM,health_safety,disbursed,,,EUR,0.00',
      'closing_balance,2026-03-31,,,received,,,EUR,160000.00',
      'closing_balance,2026-03-31,,,allocated,,,EUR,55000.00',
      'closing_balance,2026-03-31,,,disbursed,,,EUR,25000.00',
      'closing_balance,2026-03-31,,,unallocated,,,EUR,105000.00',
      'closing_balance,2026-03-31,,,undisbursed,,,EUR,30000.00',
      'closing_balance,2026-03-31,,,outstanding,,,EUR,160000.00',
    ]);
  });

  it('reports_WhenBadRangeOrUnknownGrant_ThenRefused', async () => {
    const reversed = await request(testApp.server).get(`/v1/reports/grants/${grantId}`).query({ from: '2026-04-01', to: '2026-03-01' }).set(bearer(testApp.auditorKey)).expect(400);
    expect(reversed.body).toMatchObject({ error: { code: 'REQUEST.VALIDATION_FAILED', details: { fields: { to: ['to must not be before from'] } } } });
    await request(testApp.server).get(`/v1/reports/grants/${grantId}`).query({ from: '2026-02-30' }).set(bearer(testApp.auditorKey)).expect(400);
    await request(testApp.server).get('/v1/reports/funding').query({ asOf: '31/03/2026' }).set(bearer(testApp.auditorKey)).expect(400);
    const unknown = await request(testApp.server).get('/v1/reports/grants/01900000-0000-7000-8000-0000000000e9').set(bearer(testApp.auditorKey)).expect(404);
    expect(unknown.body).toMatchObject({ error: { code: 'FUNDING.GRANT_NOT_FOUND' } });
  });
});
