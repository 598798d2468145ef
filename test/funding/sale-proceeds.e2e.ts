// The sale proceeds reactor end to end (R7): each settled purchase credits the site pool with the
// net and the programme with the fee, exactly (half-even, net + fee = gross), exactly once, even
// after the reactor restarts from scratch and after the funding read model is rebuilt.
import type { LogPosition, RecordedEvent } from '@lib/event-store';
import { Money } from '@lib/kernel';
import { rebuildProjectionByName } from '@lib/projections';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { fundingLedgerProjection } from '../../src/funding/pools/funding-ledger/funding-ledger.projection';
import { PROGRAMME_FUNDS_STREAM, siteFundsStreamId } from '../../src/funding/pools/funding-source';
import { ProceedsReactorHost } from '../../src/funding/proceeds/proceeds-reactor.host';
import { PROCEEDS_REACTOR_CONSUMER } from '../../src/funding/proceeds/proceeds-reactor';
import { bearer } from '../access/access-fixtures';
import { awaitProceeds, createFundingTestApp, eventStoreOf, FundingTestApp, registerSite, settlePurchase, streamEventsOf } from './funding-fixtures';

interface PoolBody {
  source: { type: string };
  currency: string;
  received: { value: number };
  grossSales: { value: number } | null;
  fees: { value: number } | null;
}

const usdPerTonne = (cents: number): Money => Money.of('USD', cents);

describe('sale proceeds (e2e)', () => {
  let testApp: FundingTestApp;
  let tiny: { siteId: string; code: string };
  let pilot: { siteId: string; code: string };

  beforeAll(async () => {
    testApp = await createFundingTestApp('funding_proceeds');
    // 5 bps makes half-minor-unit fees easy to reach; 500 bps is a realistic 5 % programme share.
    tiny = { siteId: await registerSite(testApp, 'TNY', 5), code: 'TNY' };
    pilot = { siteId: await registerSite(testApp, 'KAM', 500), code: 'KAM' };
  });

  afterAll(async () => {
    await testApp?.close();
  });

  async function creditSalesPool(siteId: string, minPosition: string): Promise<PoolBody> {
    const response = await request(testApp.server).get(`/v1/sites/${siteId}/funding`).query({ minPosition }).set(bearer(testApp.auditorKey)).expect(200);
    const pools = (response.body as { pools: PoolBody[] }).pools.filter((pool) => pool.source.type === 'credit_sales');
    expect(pools).toHaveLength(1);
    return pools[0];
  }

  async function proceedsOf(purchaseId: string): Promise<{ site: number; programme: number }> {
    const site = (await streamEventsOf(testApp, siteFundsStreamId(tiny.siteId)))
      .concat(await streamEventsOf(testApp, siteFundsStreamId(pilot.siteId)))
      .filter((e) => e.type === 'ProceedsCredited' && (e.data as { purchaseId: string }).purchaseId === purchaseId);
    const programme = (await streamEventsOf(testApp, PROGRAMME_FUNDS_STREAM)).filter(
      (e) => e.type === 'ProgrammeFeeCredited' && (e.data as { purchaseId: string }).purchaseId === purchaseId,
    );
    return { site: site.length, programme: programme.length };
  }

  it('credit_WhenFeesFallOnHalfAMinorUnit_ThenRoundedHalfEven_AndNetPlusFeeIsGross', async () => {
    // Gross 3,000 cents × 5 bps = 1.5 → 2 (even); 5,000 cents → 2.5 → 2 (even); 159,840 → 79.92 → 80.
    const a = await settlePurchase(testApp, tiny, usdPerTonne(3_000), 1_000);
    const b = await settlePurchase(testApp, tiny, usdPerTonne(5_000), 1_000);
    const c = await settlePurchase(testApp, tiny, usdPerTonne(480_000), 333);
    expect([a.amount.value, b.amount.value, c.amount.value]).toEqual([3_000, 5_000, 159_840]);
    const minPosition = await awaitProceeds(testApp, c.position, tiny.siteId);

    const credited = (await streamEventsOf(testApp, siteFundsStreamId(tiny.siteId))).filter((e) => e.type === 'ProceedsCredited');
    const split = credited.map((e) => {
      const d = e.data as { grossAmount: { value: number }; feeAmount: { value: number }; netAmount: { value: number } };
      return [d.grossAmount.value, d.feeAmount.value, d.netAmount.value];
    });
    expect(split).toEqual([
      [3_000, 2, 2_998],
      [5_000, 2, 4_998],
      [159_840, 80, 159_760],
    ]);
    const fees = (await streamEventsOf(testApp, PROGRAMME_FUNDS_STREAM)).map((e) => (e.data as { feeAmount: { value: number } }).feeAmount.value);
    expect(fees).toEqual([2, 2, 80]);

    const pool = await creditSalesPool(tiny.siteId, minPosition);
    expect(pool.currency).toBe('USD');
    expect([pool.grossSales?.value, pool.fees?.value, pool.received.value]).toEqual([167_840, 84, 167_756]);
    expect(pool.received.value + (pool.fees?.value ?? 0)).toBe(pool.grossSales?.value);
  });

  it('credit_WhenPilotSale_ThenFivePercentToTheProgramme', async () => {
    const sale = await settlePurchase(testApp, pilot, usdPerTonne(480_000), 2_500);
    const minPosition = await awaitProceeds(testApp, sale.position, pilot.siteId);
    const pool = await creditSalesPool(pilot.siteId, minPosition);
    expect([pool.grossSales?.value, pool.fees?.value, pool.received.value]).toEqual([1_200_000, 60_000, 1_140_000]);
    expect(await proceedsOf(sale.purchaseId)).toEqual({ site: 1, programme: 1 });
  });

  it('reactor_WhenRestartedWithItsCheckpointDeleted_ThenRereadsEverySettlementAndCreditsNothingTwice', async () => {
    const before = await settlePurchase(testApp, pilot, usdPerTonne(480_000), 1_001);
    await awaitProceeds(testApp, before.position, pilot.siteId);
    const reactor = testApp.app.get(ProceedsReactorHost).reactor;
    await reactor.stop();
    const dataSource = testApp.app.get(DataSource);
    await dataSource.query('DELETE FROM checkpoints WHERE consumer = $1', [PROCEEDS_REACTOR_CONSUMER]);
    const creditsBefore = (await streamEventsOf(testApp, siteFundsStreamId(pilot.siteId))).length;

    reactor.start();
    // A settlement made after the restart: once it is credited, every earlier one was read again.
    const after = await settlePurchase(testApp, pilot, usdPerTonne(480_000), 1_000);
    const minPosition = await awaitProceeds(testApp, after.position, pilot.siteId);

    expect(reactor.status().credited).toBeGreaterThanOrEqual(3);
    expect(await proceedsOf(before.purchaseId)).toEqual({ site: 1, programme: 1 });
    expect(await proceedsOf(after.purchaseId)).toEqual({ site: 1, programme: 1 });
    expect((await streamEventsOf(testApp, siteFundsStreamId(pilot.siteId))).length).toBe(creditsBefore + 1);
    // 1,200,000 + 480,480 + 480,000 gross; fees 60,000 + 24,024 + 24,000.
    const pool = await creditSalesPool(pilot.siteId, minPosition);
    expect([pool.grossSales?.value, pool.fees?.value, pool.received.value]).toEqual([2_160_480, 108_024, 2_052_456]);
  });

  it('reactor_WhenSettlementsPiledUpWhileStopped_ThenCreditsEachOnceInSharedAppends', async () => {
    const grouped = { siteId: await registerSite(testApp, 'GRP', 500), code: 'GRP' };
    const reactor = testApp.app.get(ProceedsReactorHost).reactor;
    await reactor.stop();
    const sales: Array<{ purchaseId: string; position: LogPosition }> = [];
    for (let index = 0; index < 12; index += 1) sales.push(await settlePurchase(testApp, grouped, usdPerTonne(480_000), 100 + index));

    reactor.start();
    const minPosition = await awaitProceeds(testApp, sales[sales.length - 1].position, grouped.siteId);

    const purchaseIdOf = (event: RecordedEvent): string => (event.data as { purchaseId: string }).purchaseId;
    const credited = (await streamEventsOf(testApp, siteFundsStreamId(grouped.siteId))).filter((e) => e.type === 'ProceedsCredited');
    const fees = (await streamEventsOf(testApp, PROGRAMME_FUNDS_STREAM)).filter((e) => e.type === 'ProgrammeFeeCredited' && sales.some((sale) => sale.purchaseId === purchaseIdOf(e)));
    const expected = sales.map((sale) => sale.purchaseId).sort();
    expect(credited.map(purchaseIdOf).sort()).toEqual(expected);
    expect(fees.map(purchaseIdOf).sort()).toEqual(expected);
    // Credited together: the site's funds stream took them in fewer appends than there were sales
    // (events of one append share their commit position).
    expect(new Set(credited.map((event) => event.position.commit)).size).toBeLessThan(sales.length);
    // Gross Σ 480,000 × (100..111) / 1,000 = 607,680 cents; 5 % = 30,384 exactly.
    const pool = await creditSalesPool(grouped.siteId, minPosition);
    expect([pool.grossSales?.value, pool.fees?.value, pool.received.value]).toEqual([607_680, 30_384, 577_296]);
  });

  it('rebuild_WhenTheFundingReadModelIsRebuilt_ThenFiguresAreIdentical_AndNoProceedsAreAdded', async () => {
    const sale = await settlePurchase(testApp, tiny, usdPerTonne(480_000), 7);
    const minPosition = await awaitProceeds(testApp, sale.position, tiny.siteId);
    const read = async (siteId: string): Promise<string> =>
      (await request(testApp.server).get(`/v1/sites/${siteId}/funding`).query({ minPosition }).set(bearer(testApp.financeKey)).expect(200)).text;
    const beforeTiny = await read(tiny.siteId);
    const beforePilot = await read(pilot.siteId);
    const siteEvents = (await streamEventsOf(testApp, siteFundsStreamId(tiny.siteId))).length;

    const result = await rebuildProjectionByName(fundingLedgerProjection.name, {
      dataSource: testApp.app.get(DataSource),
      eventStore: eventStoreOf(testApp),
      projections: [fundingLedgerProjection],
      pollMs: 50,
    });
    expect(result.rebuiltBy).toBe('runner');

    expect(await read(tiny.siteId)).toBe(beforeTiny);
    expect(await read(pilot.siteId)).toBe(beforePilot);
    expect((await streamEventsOf(testApp, siteFundsStreamId(tiny.siteId))).length).toBe(siteEvents);
    expect(await proceedsOf(sale.purchaseId)).toEqual({ site: 1, programme: 1 });
  });
});
