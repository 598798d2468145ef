// Allocations and disbursements over HTTP (R5, R7): within what the source received, under
// parallel requests; currencies never mixed; cancellation only without disbursements; the
// allocations list; closed periods refuse dated money movements.
import { randomUUID } from 'crypto';
import { decideOnStream } from '@lib/event-store';
import { Money } from '@lib/kernel';
import request from 'supertest';
import { siteFundsStreamId } from '../../src/funding/pools/funding-source';
import { periodDecider } from '../../src/funding/periods/period.decider';
import { periodStreamId } from '../../src/funding/periods/period';
import { appClock, bearer } from '../access/access-fixtures';
import {
  allocate,
  awaitFunding,
  awaitProceeds,
  createFundingTestApp,
  disburse,
  eur,
  eventStoreOf,
  FundingTestApp,
  logPositionOf,
  registerGrant,
  registerSite,
  settlePurchase,
  streamEventsOf,
  usd,
} from './funding-fixtures';

interface ErrorBody {
  error: { code: string };
}

const codeOf = (response: request.Response): string => (response.body as ErrorBody).error?.code;

describe('allocations and disbursements (e2e)', () => {
  let testApp: FundingTestApp;
  let kam: string;
  let parallelSite: string;

  beforeAll(async () => {
    testApp = await createFundingTestApp('funding_allocations');
    kam = await registerSite(testApp, 'KAM', 500);
    parallelSite = await registerSite(testApp, 'PAR', 0);
    // KAM: the pilot sale, USD 12,000.00 gross → USD 11,400.00 net. PAR: USD 1,000.00 net.
    const pilot = await settlePurchase(testApp, { siteId: kam, code: 'KAM' }, Money.of('USD', 480_000), 2_500);
    const par = await settlePurchase(testApp, { siteId: parallelSite, code: 'PAR' }, Money.of('USD', 100_000), 1_000);
    await awaitProceeds(testApp, pilot.position, kam);
    await awaitProceeds(testApp, par.position, parallelSite);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('allocate_WhenTwentyInParallelTogetherExceedThePool_ThenOnlyThoseThatFitSucceed_AndThePoolNeverGoesNegative', async () => {
    const attempts = Array.from({ length: 20 }, (_, i) =>
      allocate(testApp.server, testApp.operatorKey, { siteId: parallelSite, source: { type: 'credit_sales' }, category: 'environment', amount: usd(7_000), project: `Tree nursery ${i}` }),
    );
    const responses = await Promise.all(attempts);
    const statuses = responses.map((r) => r.status).sort();
    // USD 1,000.00 holds fourteen allocations of USD 70.00 (980.00); the other six do not fit.
    expect(statuses).toEqual([...Array(14).fill(201), ...Array(6).fill(422)]);
    for (const refused of responses.filter((r) => r.status === 422)) expect(codeOf(refused)).toBe('FUNDING.INSUFFICIENT_FUNDS');

    const recorded = (await streamEventsOf(testApp, siteFundsStreamId(parallelSite))).filter((e) => e.type === 'AllocationRecorded');
    expect(recorded).toHaveLength(14);
    const last = responses.filter((r) => r.status === 201).map(logPositionOf).sort().pop() as string;
    const funding = await request(testApp.server)
      .get(`/v1/sites/${parallelSite}/funding`)
      .query({ minPosition: await awaitFunding(testApp, last) })
      .set(bearer(testApp.financeKey))
      .expect(200);
    const [pool] = (funding.body as { pools: { received: { value: number }; allocated: { value: number }; available: { value: number } }[] }).pools;
    expect([pool.received.value, pool.allocated.value, pool.available.value]).toEqual([100_000, 98_000, 2_000]);
  });

  it('disburse_WhenTwentyInParallelTogetherExceedTheAllocation_ThenDisbursedNeverExceedsIt', async () => {
    const created = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'credit_sales' }, category: 'health_safety', amount: usd(100_000) }).expect(201);
    const allocationId = (created.body as { id: string }).id;
    const responses = await Promise.all(Array.from({ length: 20 }, () => disburse(testApp.server, testApp.financeKey, allocationId, { amount: usd(6_000) })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(16).fill(201), ...Array(4).fill(422)]);
    for (const refused of responses.filter((r) => r.status === 422)) expect(codeOf(refused)).toBe('FUNDING.ALLOCATION_EXCEEDED');
    const paid = (await streamEventsOf(testApp, siteFundsStreamId(kam))).filter(
      (e) => e.type === 'DisbursementRecorded' && (e.data as { allocationId: string }).allocationId === allocationId,
    );
    expect(paid.reduce((sum, e) => sum + (e.data as { amount: { value: number } }).amount.value, 0)).toBe(96_000);
  });

  it('allocate_WhenEurFromAUsdOnlyPool_ThenCurrencyNotInPool', async () => {
    const response = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'credit_sales' }, category: 'child_rights', amount: eur(10) }).expect(422);
    expect(response.body).toMatchObject({ error: { code: 'FUNDING.CURRENCY_NOT_IN_POOL', details: { currency: 'EUR', held: ['USD'] } } });
  });

  it('disburse_WhenInAnotherCurrencyThanItsAllocation_ThenCurrencyMismatch', async () => {
    const created = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'credit_sales' }, category: 'environment', amount: usd(1_000) }).expect(201);
    const response = await disburse(testApp.server, testApp.financeKey, (created.body as { id: string }).id, { amount: eur(5) }).expect(422);
    expect(codeOf(response)).toBe('FUNDING.CURRENCY_MISMATCH');
  });

  it('cancel_WhenSomethingWasDisbursed_Then409_AndWithoutDisbursement_ThenItsAmountIsAvailableAgain', async () => {
    const paidOne = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'credit_sales' }, category: 'cooperative_governance', amount: usd(2_000) }).expect(201);
    const paidId = (paidOne.body as { id: string }).id;
    await disburse(testApp.server, testApp.financeKey, paidId, { amount: usd(1) }).expect(201);
    const refused = await request(testApp.server).post(`/v1/allocations/${paidId}/cancel`).set(bearer(testApp.operatorKey)).send({ reason: 'Reversed' }).expect(409);
    expect(codeOf(refused)).toBe('FUNDING.ALLOCATION_HAS_DISBURSEMENTS');

    // Allocate everything left, cancel it, then the same amount fits again.
    const funding = await request(testApp.server).get(`/v1/sites/${kam}/funding`).set(bearer(testApp.financeKey)).query({ minPosition: await awaitFunding(testApp, logPositionOf(paidOne)) }).expect(200);
    const available = (funding.body as { pools: { source: { type: string }; available: { value: number } }[] }).pools.find((p) => p.source.type === 'credit_sales')?.available.value ?? 0;
    const all = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'credit_sales' }, category: 'environment', amount: usd(available) }).expect(201);
    await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'credit_sales' }, category: 'environment', amount: usd(1) }).expect(422);
    const cancelled = await request(testApp.server)
      .post(`/v1/allocations/${(all.body as { id: string }).id}/cancel`)
      .set(bearer(testApp.operatorKey))
      .send({ reason: 'Committee reversed' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', remaining: { currency: 'USD', value: 0 } });
    await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'credit_sales' }, category: 'environment', amount: usd(available) }).expect(201);
  });

  describe('grants', () => {
    let grantId: string;
    let other: string;

    beforeAll(async () => {
      other = await registerSite(testApp, 'OTH', 0);
      ({ id: grantId } = await registerGrant(testApp.server, testApp.financeKey, {
        funder: 'European Partnership for Responsible Minerals',
        reference: 'EPRM-E2E-1',
        total: eur(320_000),
        siteIds: [kam],
      }));
      await request(testApp.server)
        .post(`/v1/grants/${grantId}/tranches`)
        .set(bearer(testApp.financeKey))
        .send({ amount: eur(160_000), receivedAt: '2026-03-02', bankRef: 'EPRM-TR-1' })
        .expect(201);
    });

    it('register_WhenSameAwardAgain_ThenSameGrant_AndWhenReferenceReusedForAnotherAward_Then409', async () => {
      const again = await registerGrant(testApp.server, testApp.financeKey, { funder: 'European Partnership for Responsible Minerals', reference: 'EPRM-E2E-1', total: eur(320_000), siteIds: [kam] });
      expect(again.id).toBe(grantId);
      const conflict = await request(testApp.server).post('/v1/grants').set(bearer(testApp.financeKey)).send({ funder: 'Someone else', reference: 'EPRM-E2E-1', total: eur(1) }).expect(409);
      expect(codeOf(conflict)).toBe('FUNDING.GRANT_ALREADY_REGISTERED');
    });

    it('tranche_WhenOtherCurrencyOrAboveTheAward_Then422_AndWhenTheSameTransferIsSentAgain_ThenTheSameTranche', async () => {
      const tranche = (body: Record<string, unknown>): request.Test => request(testApp.server).post(`/v1/grants/${grantId}/tranches`).set(bearer(testApp.financeKey)).send(body);
      expect(codeOf(await tranche({ amount: usd(100), receivedAt: '2026-03-03', bankRef: 'USD-1' }).expect(422))).toBe('FUNDING.CURRENCY_MISMATCH');
      expect(codeOf(await tranche({ amount: eur(160_001), receivedAt: '2026-03-03', bankRef: 'BIG-1' }).expect(422))).toBe('FUNDING.GRANT_TOTAL_EXCEEDED');
      const first = await tranche({ amount: eur(10), receivedAt: '2026-03-04', bankRef: 'SMALL-1' }).expect(201);
      const again = await tranche({ amount: eur(10), receivedAt: '2026-03-04', bankRef: 'SMALL-1' }).expect(201);
      expect((again.body as { id: string }).id).toBe((first.body as { id: string }).id);
      expect(codeOf(await tranche({ amount: eur(11), receivedAt: '2026-03-04', bankRef: 'SMALL-1' }).expect(409))).toBe('FUNDING.DUPLICATE_BANK_REF');
    });

    it('allocate_WhenEarmarkedToOtherSites_ThenRefused_AndForTheEarmarkedSite_ThenWithinTranchesReceived', async () => {
      const source = { type: 'grant' as const, grantId };
      const earmarked = await allocate(testApp.server, testApp.operatorKey, { siteId: other, source, category: 'child_rights', amount: eur(1_000) }).expect(422);
      expect(codeOf(earmarked)).toBe('FUNDING.GRANT_EARMARKED');
      const dollars = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source, category: 'child_rights', amount: usd(1_000) }).expect(422);
      expect(codeOf(dollars)).toBe('FUNDING.CURRENCY_MISMATCH');
      const ok = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source, category: 'child_rights', amount: eur(40_000), project: 'School bursaries' }).expect(201);
      expect(ok.body).toMatchObject({ siteId: kam, source, category: 'child_rights', amount: eur(40_000), status: 'active' });
      // 160,010 received, 40,000 allocated: 120,011 is one euro too many.
      const tooMuch = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source, category: 'environment', amount: eur(120_011) }).expect(422);
      expect(codeOf(tooMuch)).toBe('FUNDING.INSUFFICIENT_FUNDS');
      await disburse(testApp.server, testApp.financeKey, (ok.body as { id: string }).id, { amount: eur(25_000), payee: 'CMDS school fund', bankRef: 'OUT-EPRM-1' }).expect(201);
    });

    it('siteFunding_WhenProceedsAndAGrant_ThenOnePoolPerSourceAndCurrency_AndThePublicSeesNoBankReferenceOrPayee', async () => {
      const marker = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'grant', grantId }, category: 'environment', amount: eur(1) }).expect(201);
      const minPosition = await awaitFunding(testApp, logPositionOf(marker));
      const staff = await request(testApp.server).get(`/v1/sites/${kam}/funding`).query({ minPosition }).set(bearer(testApp.auditorKey)).expect(200);
      const pools = (staff.body as { pools: { source: { type: string; reference?: string }; currency: string; received: { value: number }; allocated: { value: number }; disbursed: { value: number } }[] }).pools;
      expect(pools.map((p) => [p.source.type, p.currency])).toEqual([
        ['credit_sales', 'USD'],
        ['grant', 'EUR'],
      ]);
      expect(pools[1]).toMatchObject({ source: { reference: 'EPRM-E2E-1' }, received: eur(160_010), allocated: { value: 4_000_100 }, disbursed: eur(25_000) });

      const publicView = await request(testApp.server).get(`/v1/public/sites/${kam}/funding`).query({ minPosition }).expect(200);
      expect(publicView.body).toMatchObject({ siteCode: 'KAM', proceeds: [{ currency: 'USD', gross: usd(1_200_000), fee: usd(60_000), net: usd(1_140_000) }] });
      expect((publicView.body as { projects: { project: string }[] }).projects.map((p) => p.project)).toContain('School bursaries');
      for (const secret of ['OUT-EPRM-1', 'EPRM-TR-1', 'CMDS school fund', 'Kolwezi Safety Supplies', 'OUT-', 'FAC-2026-03', 'bankRef', 'payee']) {
        expect(publicView.text).not.toContain(secret);
      }
    });

    it('allocations_WhenListedAndRead_ThenFilteredPaged_AndTheDetailListsDisbursementsForStaff', async () => {
      const created = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'grant', grantId }, category: 'health_safety', amount: eur(100) }).expect(201);
      const id = (created.body as { id: string }).id;
      const paid = await disburse(testApp.server, testApp.financeKey, id, { amount: eur(40), bankRef: 'OUT-LIST-1' }).expect(201);
      const minPosition = await awaitFunding(testApp, logPositionOf(paid));
      const page = await request(testApp.server).get('/v1/allocations').query({ grantId, category: 'health_safety', minPosition }).set(bearer(testApp.auditorKey)).expect(200);
      expect((page.body as { items: { id: string }[] }).items.map((a) => a.id)).toEqual([id]);
      const firstPage = await request(testApp.server).get('/v1/allocations').query({ siteId: kam, limit: '2' }).set(bearer(testApp.operatorKey)).expect(200);
      const { items, nextCursor } = firstPage.body as { items: { id: string }[]; nextCursor: string };
      expect(items).toHaveLength(2);
      const secondPage = await request(testApp.server).get('/v1/allocations').query({ siteId: kam, limit: '2', cursor: nextCursor }).set(bearer(testApp.operatorKey)).expect(200);
      expect((secondPage.body as { items: { id: string }[] }).items[0].id > items[1].id).toBe(true);
      const detail = await request(testApp.server).get(`/v1/allocations/${id}`).set(bearer(testApp.financeKey)).expect(200);
      expect(detail.body).toMatchObject({ id, amount: eur(100), disbursed: eur(40), remaining: eur(60), disbursements: [{ amount: eur(40), bankRef: 'OUT-LIST-1' }] });
      expect(codeOf(await request(testApp.server).get(`/v1/allocations/${randomUUID()}`).set(bearer(testApp.financeKey)).expect(404))).toBe('FUNDING.ALLOCATION_NOT_FOUND');
    });
  });

  it('movements_WhenDatedInAClosedPeriod_ThenRefused_AndAllocationsDecidedThenAreNot', async () => {
    const closedAt = appClock(testApp).now().toISOString();
    const meta = { actorKeyId: null, actorRole: 'finance', companyId: null, correlationId: randomUUID(), causationId: null, occurredAt: closedAt };
    await decideOnStream(eventStoreOf(testApp), periodStreamId('2026-02'), periodDecider, {
      type: 'ClosePeriod',
      data: { period: '2026-02', now: closedAt, checkedStatementIds: [], missingStatementIds: [], openLineIds: [] },
    }, meta);
    const { id: grantId } = await registerGrant(testApp.server, testApp.financeKey, { funder: 'Closed month funder', reference: 'CLOSED-1', total: eur(1_000) });
    const lateTranche = await request(testApp.server).post(`/v1/grants/${grantId}/tranches`).set(bearer(testApp.financeKey)).send({ amount: eur(500), receivedAt: '2026-02-15', bankRef: 'CL-1' }).expect(422);
    expect(lateTranche.body).toMatchObject({ error: { code: 'FUNDING.PERIOD_CLOSED', details: { period: '2026-02', field: 'receivedAt' } } });
    await request(testApp.server).post(`/v1/grants/${grantId}/tranches`).set(bearer(testApp.financeKey)).send({ amount: eur(500), receivedAt: '2026-03-01', bankRef: 'CL-2' }).expect(201);
    const decided = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'grant', grantId }, category: 'environment', amount: eur(100), decidedAt: '2026-02-20' }).expect(201);
    const latePayment = await disburse(testApp.server, testApp.financeKey, (decided.body as { id: string }).id, { amount: eur(10), paidAt: '2026-02-28' }).expect(422);
    expect(codeOf(latePayment)).toBe('FUNDING.PERIOD_CLOSED');
  });

  it('requests_WhenUnknownSiteOrGrantOrMalformedSource_ThenRefusedWithTheirCode', async () => {
    const unknownSite = await allocate(testApp.server, testApp.operatorKey, { siteId: randomUUID(), source: { type: 'credit_sales' }, category: 'environment', amount: usd(1) }).expect(404);
    expect(codeOf(unknownSite)).toBe('FUNDING.SITE_NOT_FOUND');
    const unknownGrant = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'grant', grantId: randomUUID() }, category: 'environment', amount: eur(1) }).expect(404);
    expect(codeOf(unknownGrant)).toBe('FUNDING.GRANT_NOT_FOUND');
    const grantIdOnSales = await request(testApp.server)
      .post('/v1/allocations')
      .set(bearer(testApp.operatorKey))
      .send({ siteId: kam, source: { type: 'credit_sales', grantId: randomUUID() }, category: 'environment', amount: usd(1), project: 'p', committeeRef: 'c', decidedAt: '2026-03-01' })
      .expect(400);
    expect(codeOf(grantIdOnSales)).toBe('REQUEST.VALIDATION_FAILED');
    const badCategory = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'credit_sales' }, category: 'roads', amount: usd(1) }).expect(400);
    expect(codeOf(badCategory)).toBe('REQUEST.VALIDATION_FAILED');
    const future = await allocate(testApp.server, testApp.operatorKey, { siteId: kam, source: { type: 'credit_sales' }, category: 'environment', amount: usd(1), decidedAt: '2099-01-01' }).expect(422);
    expect(codeOf(future)).toBe('FUNDING.DATE_IN_FUTURE');
  });
});
