// No overselling under concurrency (R1, R2) over HTTP: parallel reservations on one batch, and
// parallel transfers and retirements of one holding, checked against the read models and against
// the batch stream itself (no serial reserved or owned twice).
import { SerialRanges } from '@lib/kernel';
import request from 'supertest';
import { batchDecider } from '../../src/registry/batches/batch.decider';
import { batchStreamId } from '../../src/registry/batches/batch.events';
import { heldUnits, IssuedBatch, reservedUnits } from '../../src/registry/batches/batch.state';
import { loadStream } from '@lib/event-store';
import { batchEvents, bearer, buy, Buyer, createBuyer, createMarketApp, eventStoreOf, issueBatch, latestPosition, MarketApp } from './market-fixtures';

describe('marketplace concurrency (e2e)', () => {
  let app: MarketApp;
  let buyers: Buyer[];

  beforeAll(async () => {
    app = await createMarketApp('market_concurrency');
    buyers = await Promise.all(['Alpha Cells', 'Beta Motors', 'Gamma Phones', 'Delta Grid'].map((name) => createBuyer(app, name)));
  });

  afterAll(async () => {
    await app?.close();
  });

  async function batchState(batchId: string): Promise<IssuedBatch> {
    const { state } = await loadStream(eventStoreOf(app), batchStreamId(batchId), batchDecider);
    if (state.status !== 'issued') throw new Error('batch not issued');
    return state;
  }

  it('Reserve_When40Parallel100KgOn1000KgBatch_ThenExactly10Succeed_30Get422_AndSupplyAddsUp', async () => {
    const batchId = await issueBatch(app, { quantityKg: 1000 });
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => request(app.server).post('/v1/purchases').set(bearer(buyers[i % buyers.length].key)).send({ batchId, quantityKg: 100 })),
    );
    const created = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status === 422);
    expect(created).toHaveLength(10);
    expect(refused).toHaveLength(30);
    for (const response of refused) expect(response.body.error.code).toBe('REGISTRY.INSUFFICIENT_UNITS');

    // The stream: ten reservations whose serials never overlap and cover the batch exactly.
    const reserved = (await batchEvents(app, batchId)).filter((e) => e.type === 'CreditsReserved');
    expect(reserved).toHaveLength(10);
    const union = reserved.reduce((all, e) => all.union(SerialRanges.fromJSON((e.data as { serials: unknown }).serials)), SerialRanges.empty());
    expect(union.equals(SerialRanges.single(1, 1000))).toBe(true);

    // The batch state and the purchases read model agree.
    const state = await batchState(batchId);
    expect({ available: state.available.size, reserved: reservedUnits(state), held: heldUnits(state) }).toEqual({ available: 0, reserved: 1000, held: 0 });
    const latest = latestPosition(created);
    const listed = await request(app.server).get('/v1/purchases').query({ batchId, minPosition: latest, limit: '200' }).set(bearer(app.adminKey)).expect(200);
    expect(listed.body.items).toHaveLength(10);
    expect(listed.body.items.reduce((sum: number, p: { quantityKg: number }) => sum + p.quantityKg, 0)).toBe(1000);
    expect(new Set(listed.body.items.map((p: { invoiceRef: string }) => p.invoiceRef)).size).toBe(10);
    const supply = await request(app.server).get(`/v1/batches/${batchId}`).query({ minPosition: latest }).set(bearer(buyers[0].key)).expect(200);
    expect(supply.body).toMatchObject({ issuedKg: 1000, availableKg: 0, reservedKg: 1000, soldKg: 0, retiredKg: 0, cancelledKg: 0 });
  });

  it('TransferAndRetire_When10ParallelEachOf100FromA500Holding_ThenNeverOverdrawn_AndEveryUnitInOnePlace', async () => {
    const [holder, receiver] = buyers;
    const batchId = await issueBatch(app, { quantityKg: 1000, vintage: 2024 });
    await buy(app, holder, batchId, 500);
    const transfer = () => request(app.server).post('/v1/transfers').set(bearer(holder.key)).send({ batchId, toCompanyId: receiver.companyId, quantityKg: 100 });
    const retire = () =>
      request(app.server)
        .post('/v1/retirements')
        .set(bearer(holder.key))
        .send({ batchId, quantityKg: 100, claimYear: 2025, beneficiary: { name: 'Alpha Cells' }, purpose: 'FY2025 footprint' });
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? transfer() : retire())));

    const moved = responses.filter((r) => r.status === 201);
    expect(moved).toHaveLength(5);
    for (const response of responses.filter((r) => r.status !== 201)) {
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('REGISTRY.INSUFFICIENT_HOLDING');
    }
    const transferredKg = moved.filter((r) => r.body.toCompanyId !== undefined).length * 100;
    const retiredKg = moved.filter((r) => r.body.certificateNo !== undefined).length * 100;
    expect(transferredKg + retiredKg).toBe(500);

    // Every unit of the batch is in exactly one place (union refuses any overlap).
    const state = await batchState(batchId);
    const places = [state.available, state.retired, state.cancelled, ...state.holdings.values(), ...[...state.reservations.values()].map((r) => r.serials)];
    expect(places.reduce((all, ranges) => all.union(ranges), SerialRanges.empty()).equals(SerialRanges.single(1, 1000))).toBe(true);
    expect(state.holdings.get(holder.companyId)?.size ?? 0).toBe(0);
    expect(state.holdings.get(receiver.companyId)?.size ?? 0).toBe(transferredKg);
    expect(state.retired.size).toBe(retiredKg);

    // The holdings read model agrees with the stream.
    const latest = latestPosition(moved);
    const [holderView, receiverView] = await Promise.all(
      [holder, receiver].map((company) =>
        request(app.server).get(`/v1/companies/${company.companyId}/holdings`).query({ minPosition: latest }).set(bearer(app.adminKey)).expect(200),
      ),
    );
    const ofBatch = (body: { batches: { batchId: string; heldKg: number; retiredKg: number }[] }) => body.batches.find((b) => b.batchId === batchId);
    expect(ofBatch(holderView.body)).toMatchObject({ heldKg: 0, retiredKg });
    expect(ofBatch(receiverView.body)?.heldKg ?? 0).toBe(transferredKg);
    // Supply: sold = held + retired, and it all adds up to what was issued (R1).
    const supply = await request(app.server).get(`/v1/batches/${batchId}`).query({ minPosition: latest }).set(bearer(app.adminKey)).expect(200);
    expect(supply.body).toMatchObject({ issuedKg: 1000, availableKg: 500, reservedKg: 0, soldKg: 500, heldKg: transferredKg, retiredKg });
  });
});
