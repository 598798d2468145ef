// Footprints and coverage over HTTP: declare (PUT replaces), coverage = retired for that claim year
// / footprint in basis points (floor), the list, and company scoping (R11).
import request from 'supertest';
import { bearer, buy, Buyer, createBuyer, createMarketApp, issueBatch, latestPosition, MarketApp, positionOf, streamEvents } from './market-fixtures';

describe('footprints (e2e)', () => {
  let app: MarketApp;
  let company: Buyer;
  let other: Buyer;

  beforeAll(async () => {
    app = await createMarketApp('market_footprints');
    [company, other] = await Promise.all([createBuyer(app, 'Footprint Phones Ltd'), createBuyer(app, 'Elsewhere Cars SA')]);
  });

  afterAll(async () => {
    await app?.close();
  });

  const put = (by: Buyer, year: string | number, body: unknown, companyId = by.companyId) =>
    request(app.server).put(`/v1/companies/${companyId}/footprints/${year}`).set(bearer(by.key)).send(body as object);
  const get = (key: string, path: string, minPosition?: string) =>
    request(app.server).get(`/v1/companies/${company.companyId}/footprints${path}`).query(minPosition === undefined ? {} : { minPosition }).set(bearer(key));

  it('Footprint_WhenDeclaredReplacedAndCovered_ThenCoverageInBasisPointsRoundedDown', async () => {
    const declared = await put(company, 2025, { cobaltKg: 3000 }).expect(200);
    expect(declared.body).toMatchObject({ companyId: company.companyId, year: 2025, cobaltKg: 3000, retiredKg: 0, coverageBps: 0 });
    const replaced = await put(company, 2025, { cobaltKg: 3001 }).expect(200);
    expect(replaced.body.cobaltKg).toBe(3001);

    const batchId = await issueBatch(app, { quantityKg: 2000, vintage: 2024 });
    await buy(app, company, batchId, 2000);
    const retirements = await Promise.all(
      [1000, 500].map((quantityKg) =>
        request(app.server)
          .post('/v1/retirements')
          .set(bearer(company.key))
          .send({ batchId, quantityKg, claimYear: 2025, beneficiary: { name: 'Footprint Phones Ltd' }, purpose: 'FY2025 claim' })
          .expect(201),
      ),
    );
    const position = latestPosition([replaced, ...retirements]);
    const footprint = await get(company.key, '/2025', position).expect(200);
    // 1,500 / 3,001 = 0.49983… → 4998 bps (never rounded up).
    expect(footprint.body).toEqual({ companyId: company.companyId, year: 2025, cobaltKg: 3001, retiredKg: 1500, coverageBps: 4998, declaredAt: expect.any(String) });
    const staff = await get(app.financeKey, '/2025').expect(200);
    expect(staff.body).toEqual(footprint.body);

    const events = (await streamEvents(app, `company-${company.companyId}`)).map((e) => [e.type, e.data]);
    expect(events.slice(1)).toEqual([
      ['FootprintDeclared', { companyId: company.companyId, year: 2025, cobaltKg: 3000 }],
      ['FootprintDeclared', { companyId: company.companyId, year: 2025, cobaltKg: 3001 }],
    ]);
  });

  it('Footprint_WhenSameValueAgain_Then200WithoutANewEvent', async () => {
    const first = await put(company, 2024, { cobaltKg: 10 }).expect(200);
    expect(first.headers['x-log-position']).toBeDefined();
    const before = (await streamEvents(app, `company-${company.companyId}`)).length;
    const again = await put(company, 2024, { cobaltKg: 10 }).expect(200);
    // The position of the declaration it repeats, so a GET with it waits for that state.
    expect(again.headers['x-log-position']).toBe(first.headers['x-log-position']);
    expect(again.body).toMatchObject({ year: 2024, cobaltKg: 10 });
    expect((await streamEvents(app, `company-${company.companyId}`)).length).toBe(before);
  });

  it('Footprints_WhenListed_ThenEveryDeclaredYearNewestFirst', async () => {
    const declared = await put(company, 2023, { cobaltKg: 7 }).expect(200);
    const list = await get(company.key, '', positionOf(declared)).expect(200);
    expect(list.body.map((f: { year: number }) => f.year)).toEqual([2025, 2024, 2023]);
  });

  it('Footprint_WhenNothingDeclaredForTheYear_Then404', async () => {
    const response = await get(company.key, '/2010').expect(404);
    expect(response.body.error.code).toBe('REGISTRY.FOOTPRINT_NOT_FOUND');
  });

  it('OtherCompany_WhenReadingOrDeclaringAnothersFootprint_Then404_AndNothingRecorded', async () => {
    const before = (await streamEvents(app, `company-${company.companyId}`)).length;
    const read = await get(other.key, '/2025').expect(404);
    expect(read.body.error.code).toBe('ACCESS.COMPANY_NOT_FOUND');
    await get(other.key, '').expect(404);
    const written = await put(other, 2025, { cobaltKg: 1 }, company.companyId).expect(404);
    expect(written.body.error.code).toBe('ACCESS.COMPANY_NOT_FOUND');
    expect((await streamEvents(app, `company-${company.companyId}`)).length).toBe(before);
  });
});
