// Purchases over HTTP (issue 4): reservation answered from the new state with the exact amount
// (R5), read-your-writes, settlement only on the exact invoice (R6), cancellation, lists and
// company scoping (R11).
import { Money } from '@lib/kernel';
import request from 'supertest';
import { pilotBatch } from './issuance.fixtures';
import { bearer, buy, Buyer, createBuyer, createMarketApp, issueBatch, MarketApp, positionOf, reserve } from './market-fixtures';

describe('purchases (e2e)', () => {
  let app: MarketApp;
  let buyer: Buyer;
  let rival: Buyer;

  beforeAll(async () => {
    app = await createMarketApp('market_purchases');
    [buyer, rival] = await Promise.all([createBuyer(app, 'Volta Cells GmbH'), createBuyer(app, 'Rival Batteries Ltd')]);
  });

  afterAll(async () => {
    await app?.close();
  });

  const pay = (purchaseId: string, amount: unknown, key = app.financeKey) =>
    request(app.server).post(`/v1/purchases/${purchaseId}/payments`).set(bearer(key)).send({ amount, receivedAt: '2026-01-05T10:00:00Z', bankRef: 'BANK-0001' });

  describe('POST /v1/purchases', () => {
    it('Reserve_WhenUnitsAvailable_Then201Reserved_WithExactAmountInvoiceAndExpiry', async () => {
      // This batch comes through the real issuance chain (site, verified milestone, issuance).
      const { batchId } = await pilotBatch(app.server, app.adminKey, 'PIL', 2500);
      const response = await request(app.server).post('/v1/purchases').set(bearer(buyer.key)).send({ batchId, quantityKg: 2500 }).expect(201);
      expect(response.body).toMatchObject({
        batchId,
        companyId: buyer.companyId,
        status: 'reserved',
        quantityKg: 2500,
        pricePerTonne: { currency: 'USD', value: 480000 },
        amount: { currency: 'USD', value: 1200000 },
        invoiceRef: 'INV-PIL-2023-0001-00001',
        serials: [{ from: 1, to: 2500 }],
        serialRanges: ['RCC-PIL-2023-0001-000001..002500'],
        settledAt: null,
        payment: null,
        releasedAt: null,
      });
      // Default TTL: 72 hours after the reservation.
      expect(Date.parse(response.body.reservedUntil) - Date.parse(response.body.reservedAt)).toBe(72 * 3600 * 1000);
      expect(response.headers.location).toBe(`/v1/purchases/${response.body.id}`);
      const fetched = await request(app.server).get(`/v1/purchases/${response.body.id}`).query({ minPosition: positionOf(response) }).set(bearer(buyer.key)).expect(200);
      expect(fetched.body).toEqual(response.body);
    });

    it('Reserve_WhenOddAmount_ThenRoundedHalfEvenToTheCent', async () => {
      // 1,337 kg at EUR 5,123.45 per tonne = EUR 6,850.05265 → EUR 6,850.05.
      const batchId = await issueBatch(app, { quantityKg: 2000, price: Money.of('EUR', 512345) });
      const purchase = await reserve(app, buyer, batchId, 1337);
      expect(purchase.amount).toEqual({ currency: 'EUR', value: 685005 });
      expect(Money.fromJSON(purchase.amount).format()).toBe('EUR 6,850.05');
    });

    it('Reserve_WhenMoreThanAvailable_Then422InsufficientUnits_WithDetails', async () => {
      const batchId = await issueBatch(app, { quantityKg: 100 });
      await reserve(app, buyer, batchId, 60);
      const response = await request(app.server).post('/v1/purchases').set(bearer(rival.key)).send({ batchId, quantityKg: 41 }).expect(422);
      expect(response.body.error).toMatchObject({ code: 'REGISTRY.INSUFFICIENT_UNITS', details: { requestedKg: 41, availableKg: 40 } });
    });

    it('Reserve_WhenBatchUnknown_Then404', async () => {
      const response = await request(app.server).post('/v1/purchases').set(bearer(buyer.key)).send({ batchId: '0190f1c2-0000-7000-8000-00000000beef', quantityKg: 1 }).expect(404);
      expect(response.body.error.code).toBe('REGISTRY.BATCH_NOT_FOUND');
    });
  });

  describe('POST /v1/purchases/:id/payments (R6)', () => {
    it('Pay_WhenAmountOrCurrencyDiffers_Then422PaymentMismatch_AndStillReserved', async () => {
      const batchId = await issueBatch(app, { quantityKg: 1000 });
      const purchase = await reserve(app, buyer, batchId, 1000);
      for (const amount of [{ currency: 'USD', value: 479999 }, { currency: 'USD', value: 480001 }, { currency: 'EUR', value: 480000 }]) {
        const response = await pay(purchase.id, amount).expect(422);
        expect(response.body.error.code).toBe('REGISTRY.PAYMENT_MISMATCH');
      }
      const fetched = await request(app.server).get(`/v1/purchases/${purchase.id}`).set(bearer(buyer.key)).expect(200);
      expect(fetched.body.status).toBe('reserved');
    });

    it('Pay_WhenExactInvoice_ThenSettled_UnitsHeld_AndASecondPaymentIs409', async () => {
      const batchId = await issueBatch(app, { quantityKg: 1000 });
      const purchase = await reserve(app, buyer, batchId, 400);
      const settled = await pay(purchase.id, { currency: 'USD', value: 192000 }).expect(200);
      expect(settled.body).toMatchObject({
        id: purchase.id,
        status: 'settled',
        settledAt: expect.any(String),
        payment: { amount: { currency: 'USD', value: 192000 }, receivedAt: '2026-01-05T10:00:00.000Z', bankRef: 'BANK-0001' },
      });
      const holdings = await request(app.server).get(`/v1/companies/${buyer.companyId}/holdings`).query({ minPosition: positionOf(settled) }).set(bearer(buyer.key)).expect(200);
      expect(holdings.body.batches.find((b: { batchId: string }) => b.batchId === batchId)).toMatchObject({ heldKg: 400, serials: [{ from: 1, to: 400 }] });
      const again = await pay(purchase.id, { currency: 'USD', value: 192000 }).expect(409);
      expect(again.body.error.code).toBe('REGISTRY.PURCHASE_NOT_RESERVED');
    });

    it('Pay_WhenPurchaseUnknown_Then404AfterLookingAtTheLogHead', async () => {
      const response = await pay('0190f1c2-0000-7000-8000-00000000dead', { currency: 'USD', value: 1 }).expect(404);
      expect(response.body.error.code).toBe('REGISTRY.PURCHASE_NOT_FOUND');
    });

    it('Pay_WhenPaidRightAfterReserving_ThenTheLaggingReadModelIsAwaited', async () => {
      const batchId = await issueBatch(app, { quantityKg: 10 });
      const purchase = await reserve(app, buyer, batchId, 10);
      // No minPosition: the handler itself must wait for the purchases projection to know the id.
      await pay(purchase.id, purchase.amount).expect(200);
    });
  });

  describe('POST /v1/purchases/:id/cancel', () => {
    it('Cancel_WhenOwnReservedPurchase_ThenCancelled_UnitsAvailableAgain_AndRepeatIsHarmless', async () => {
      const batchId = await issueBatch(app, { quantityKg: 100 });
      const purchase = await reserve(app, buyer, batchId, 100);
      const cancelled = await request(app.server).post(`/v1/purchases/${purchase.id}/cancel`).set(bearer(buyer.key)).expect(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', releasedAt: expect.any(String) });
      const repeat = await request(app.server).post(`/v1/purchases/${purchase.id}/cancel`).set(bearer(app.operatorKey)).expect(200);
      expect(repeat.body.status).toBe('cancelled');
      expect(repeat.headers['x-log-position']).toBe(cancelled.headers['x-log-position']);
      // The 100 kg are available again, lowest serials first.
      const again = await reserve(app, rival, batchId, 100);
      expect(again).toMatchObject({ status: 'reserved', serials: [{ from: 1, to: 100 }] });
    });

    it('Cancel_WhenSettled_Then409', async () => {
      const batchId = await issueBatch(app, { quantityKg: 10 });
      const purchase = await buy(app, buyer, batchId, 10);
      const response = await request(app.server).post(`/v1/purchases/${purchase.id}/cancel`).set(bearer(app.operatorKey)).expect(409);
      expect(response.body.error.code).toBe('REGISTRY.PURCHASE_NOT_RESERVED');
    });
  });

  describe('company scoping (R11)', () => {
    it('OtherCompany_WhenReadingOrCancellingAPurchase_Then404LikeAnUnknownOne_AndTheListHidesIt', async () => {
      const batchId = await issueBatch(app, { quantityKg: 50 });
      const purchase = await reserve(app, buyer, batchId, 50);
      const read = await request(app.server).get(`/v1/purchases/${purchase.id}`).set(bearer(rival.key)).expect(404);
      expect(read.body.error).toEqual({ code: 'REGISTRY.PURCHASE_NOT_FOUND', message: `Purchase ${purchase.id} not found`, details: { purchaseId: purchase.id } });
      await request(app.server).post(`/v1/purchases/${purchase.id}/cancel`).set(bearer(rival.key)).expect(404);
      const rivalList = await request(app.server).get('/v1/purchases').query({ batchId }).set(bearer(rival.key)).expect(200);
      expect(rivalList.body.items).toEqual([]);
      const asked = await request(app.server).get('/v1/purchases').query({ companyId: buyer.companyId }).set(bearer(rival.key)).expect(200);
      expect(asked.body.items).toEqual([]);
      const still = await request(app.server).get(`/v1/purchases/${purchase.id}`).set(bearer(buyer.key)).expect(200);
      expect(still.body.status).toBe('reserved');
    });
  });

  describe('GET /v1/purchases', () => {
    it('List_WhenStaffOrOwner_ThenNewestFirst_FilteredAndPaged', async () => {
      const batchId = await issueBatch(app, { quantityKg: 100 });
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) ids.push((await reserve(app, buyer, batchId, 10)).id);
      const settled = await buy(app, buyer, batchId, 10);
      const all = [...ids, settled.id].reverse();
      const first = await request(app.server).get('/v1/purchases').query({ batchId, limit: '3', minPosition: settled.position }).set(bearer(app.adminKey)).expect(200);
      expect(first.body.items.map((p: { id: string }) => p.id)).toEqual(all.slice(0, 3));
      const second = await request(app.server).get('/v1/purchases').query({ batchId, limit: '3', cursor: first.body.nextCursor }).set(bearer(app.adminKey)).expect(200);
      expect(second.body).toEqual({ items: [expect.objectContaining({ id: all[3] })], nextCursor: null });
      const onlySettled = await request(app.server).get('/v1/purchases').query({ batchId, status: 'settled' }).set(bearer(buyer.key)).expect(200);
      expect(onlySettled.body.items.map((p: { id: string }) => p.id)).toEqual([settled.id]);
    });
  });
});
