// Transfers, retirements and holdings over HTTP (issue 4): lowest held units move, certificates
// are numbered per batch, retired is final (R3), and companies only see their own (R11).
import request from 'supertest';
import { bearer, buy, Buyer, createBuyer, createMarketApp, issueBatch, MarketApp, positionOf } from './market-fixtures';

describe('transfers and retirements (e2e)', () => {
  let app: MarketApp;
  let holder: Buyer;
  let receiver: Buyer;

  beforeAll(async () => {
    app = await createMarketApp('market_transfers');
    [holder, receiver] = await Promise.all([createBuyer(app, 'Holder Cells GmbH'), createBuyer(app, 'Receiver Motors AG')]);
  });

  afterAll(async () => {
    await app?.close();
  });

  const transfer = (from: Buyer, body: Record<string, unknown>) => request(app.server).post('/v1/transfers').set(bearer(from.key)).send(body);
  const retire = (by: Buyer, body: Record<string, unknown>) =>
    request(app.server)
      .post('/v1/retirements')
      .set(bearer(by.key))
      .send({ claimYear: 2025, beneficiary: { name: 'Holder Cells GmbH', lei: '7LTWFZYICNSX8D621K86' }, purpose: 'FY2025 cobalt footprint', ...body });
  const holdingsOf = (company: Buyer, minPosition: string, key = company.key) =>
    request(app.server).get(`/v1/companies/${company.companyId}/holdings`).query({ minPosition }).set(bearer(key)).expect(200);

  it('Transfer_WhenHeld_ThenLowestUnitsMoveToTheReceiver_AndBothHoldingsShowIt', async () => {
    const batchId = await issueBatch(app, { quantityKg: 1000, siteCode: 'KAM' });
    await buy(app, holder, batchId, 600);
    const moved = await transfer(holder, { batchId, toCompanyId: receiver.companyId, quantityKg: 250 }).expect(201);
    expect(moved.body).toMatchObject({
      batchId,
      fromCompanyId: holder.companyId,
      toCompanyId: receiver.companyId,
      quantityKg: 250,
      serials: [{ from: 1, to: 250 }],
      serialRanges: [expect.stringMatching(/^RCC-KAM-2023-\d{4}-000001\.\.000250$/)],
    });
    const position = positionOf(moved);
    const [mine, theirs] = await Promise.all([holdingsOf(holder, position), holdingsOf(receiver, position)]);
    expect(mine.body.batches.find((b: { batchId: string }) => b.batchId === batchId)).toMatchObject({ heldKg: 350, serials: [{ from: 251, to: 600 }] });
    expect(theirs.body).toMatchObject({ companyId: receiver.companyId, totalHeldKg: 250 });
    expect(theirs.body.batches).toEqual([
      expect.objectContaining({ batchId, siteCode: 'KAM', vintage: 2023, heldKg: 250, retiredKg: 0, serials: [{ from: 1, to: 250 }] }),
    ]);
  });

  it('Transfer_WhenRecipientUnknownOrSelfOrTooMuch_Then422WithCodes', async () => {
    const batchId = await issueBatch(app, { quantityKg: 100 });
    await buy(app, holder, batchId, 100);
    const unknown = await transfer(holder, { batchId, toCompanyId: '0190f1c2-0000-7000-8000-0000000c0de0', quantityKg: 1 }).expect(422);
    expect(unknown.body.error.code).toBe('REGISTRY.RECIPIENT_NOT_FOUND');
    const self = await transfer(holder, { batchId, toCompanyId: holder.companyId, quantityKg: 1 }).expect(422);
    expect(self.body.error.code).toBe('REGISTRY.SELF_TRANSFER');
    const tooMuch = await transfer(holder, { batchId, toCompanyId: receiver.companyId, quantityKg: 101 }).expect(422);
    expect(tooMuch.body.error).toMatchObject({ code: 'REGISTRY.INSUFFICIENT_HOLDING', details: { requestedKg: 101, heldKg: 100 } });
  });

  it('Retire_WhenHeld_ThenCertificate_ReadableByOwnerAndStaff_AndRetiredUnitsAreFinal', async () => {
    const batchId = await issueBatch(app, { quantityKg: 300, siteCode: 'KAM', vintage: 2024 });
    await buy(app, holder, batchId, 300);
    const retired = await retire(holder, { batchId, quantityKg: 300 }).expect(201);
    expect(retired.body).toMatchObject({
      certificateNo: expect.stringMatching(/^RCC-RET-KAM-2024-\d{4}-00001$/),
      companyId: holder.companyId,
      quantityKg: 300,
      claimYear: 2025,
      beneficiary: { name: 'Holder Cells GmbH', lei: '7LTWFZYICNSX8D621K86' },
      purpose: 'FY2025 cobalt footprint',
      serials: [{ from: 1, to: 300 }],
      siteCode: 'KAM',
      vintage: 2024,
    });
    expect(retired.headers.location).toBe(`/v1/retirements/${retired.body.id}`);
    const position = positionOf(retired);
    const own = await request(app.server).get(`/v1/retirements/${retired.body.id}`).query({ minPosition: position }).set(bearer(holder.key)).expect(200);
    expect(own.body).toEqual(retired.body);
    await request(app.server).get(`/v1/retirements/${retired.body.id}`).set(bearer(app.adminKey)).expect(200);

    // R3: no holding any more, so neither a transfer nor a second retirement can touch those units.
    const again = await retire(holder, { batchId, quantityKg: 1 }).expect(422);
    expect(again.body.error.code).toBe('REGISTRY.INSUFFICIENT_HOLDING');
    const moved = await transfer(holder, { batchId, toCompanyId: receiver.companyId, quantityKg: 1 }).expect(422);
    expect(moved.body.error.code).toBe('REGISTRY.INSUFFICIENT_HOLDING');
    const holdings = await holdingsOf(holder, position);
    expect(holdings.body.batches.find((b: { batchId: string }) => b.batchId === batchId)).toMatchObject({ heldKg: 0, retiredKg: 300, serials: [] });
  });

  it('Retire_WhenClaimYearBeforeVintageOrInTheFuture_Then422', async () => {
    const batchId = await issueBatch(app, { quantityKg: 10, vintage: 2024 });
    await buy(app, holder, batchId, 10);
    for (const claimYear of [2023, new Date().getUTCFullYear() + 1]) {
      const response = await retire(holder, { batchId, quantityKg: 1, claimYear }).expect(422);
      expect(response.body.error.code).toBe('REGISTRY.INVALID_CLAIM_YEAR');
    }
  });

  it('OtherCompany_WhenReadingHoldingsOrARetirement_Then404', async () => {
    const batchId = await issueBatch(app, { quantityKg: 10 });
    await buy(app, holder, batchId, 10);
    const retired = await retire(holder, { batchId, quantityKg: 10 }).expect(201);
    const other = await request(app.server).get(`/v1/retirements/${retired.body.id}`).query({ minPosition: positionOf(retired) }).set(bearer(receiver.key)).expect(404);
    expect(other.body.error.code).toBe('REGISTRY.RETIREMENT_NOT_FOUND');
    const holdings = await request(app.server).get(`/v1/companies/${holder.companyId}/holdings`).set(bearer(receiver.key)).expect(404);
    expect(holdings.body.error.code).toBe('ACCESS.COMPANY_NOT_FOUND');
    // Nor can it move them: a company only ever transfers from its own holding.
    const taken = await transfer(receiver, { batchId, toCompanyId: receiver.companyId, quantityKg: 1 }).expect(422);
    expect(taken.body.error.code).toBe('REGISTRY.SELF_TRANSFER');
  });

  it('Holdings_WhenStaffAskForAnUnknownCompany_Then404', async () => {
    const response = await request(app.server).get('/v1/companies/0190f1c2-0000-7000-8000-0000000c0de0/holdings').set(bearer(app.adminKey)).expect(404);
    expect(response.body.error.code).toBe('ACCESS.COMPANY_NOT_FOUND');
  });
});
