// Reservation expiry through the BullMQ delayed job (DESIGN §3.5), with a 1 s TTL: unpaid units go
// back to available and the purchase reads `expired`; paying or cancelling afterwards is refused;
// a purchase settled in time is left alone by its expiry job.
import type { JobQueues } from '@lib/jobs';
import { FixedClock, systemClock } from '@lib/kernel';
import request from 'supertest';
import { JOB_QUEUES } from '../../src/ops/platform/platform.tokens';
import { RESERVATIONS_QUEUE } from '../../src/registry/purchases/expire-reservation/expire-reservation.job';
import { appClock } from '../access/access-fixtures';
import { batchEvents, bearer, buy, Buyer, createBuyer, createMarketApp, issueBatch, MarketApp, reserve } from './market-fixtures';

/** Polls `read` until `done` holds; the suite's timeout bounds the wait. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('reservation expiry (e2e)', () => {
  let app: MarketApp;
  let buyer: Buyer;
  let other: Buyer;

  beforeAll(async () => {
    app = await createMarketApp('market_expiry', { RESERVATION_TTL_SECONDS: '1' });
    [buyer, other] = await Promise.all([createBuyer(app, 'Late Payer GmbH'), createBuyer(app, 'Next Buyer SA')]);
  });

  afterAll(async () => {
    await app?.close();
  });

  /** The purchase as the read model has it now (null until the projection has it). */
  const purchaseOf = (id: string) =>
    request(app.server)
      .get(`/v1/purchases/${id}`)
      .set(bearer(app.adminKey))
      .then((r) => (r.status === 200 ? r.body : null));

  it('Expiry_WhenUnpaidPastReservedUntil_ThenExpired_UnitsAvailable_AndPaymentOrCancelIs409', async () => {
    const batchId = await issueBatch(app, { quantityKg: 100 });
    const purchase = await reserve(app, buyer, batchId, 100);
    expect(Date.parse((purchase as unknown as { reservedUntil: string }).reservedUntil) - Date.parse((purchase as unknown as { reservedAt: string }).reservedAt)).toBe(1000);

    const expired = await eventually(() => purchaseOf(purchase.id), (p) => p?.status === 'expired');
    expect(expired).toMatchObject({ status: 'expired', releasedAt: expect.any(String), settledAt: null });
    const released = (await batchEvents(app, batchId)).filter((e) => e.type === 'ReservationExpired');
    expect(released).toHaveLength(1);
    // Caused by the reservation event (the job id), in the same correlation as the request.
    const reservedEvent = (await batchEvents(app, batchId)).find((e) => e.type === 'CreditsReserved');
    expect(released[0].metadata).toMatchObject({ causationId: reservedEvent?.eventId, correlationId: reservedEvent?.metadata.correlationId, actorKeyId: null });

    const paid = await request(app.server)
      .post(`/v1/purchases/${purchase.id}/payments`)
      .set(bearer(app.financeKey))
      .send({ amount: purchase.amount, receivedAt: new Date().toISOString(), bankRef: 'LATE-1' })
      .expect(409);
    expect(paid.body.error).toMatchObject({ code: 'REGISTRY.PURCHASE_NOT_RESERVED', details: { status: 'expired' } });
    await request(app.server).post(`/v1/purchases/${purchase.id}/cancel`).set(bearer(buyer.key)).expect(409);

    // The batch supply shows them available again.
    const supply = await eventually(
      () => request(app.server).get(`/v1/batches/${batchId}`).set(bearer(app.adminKey)).then((r) => r.body),
      (batch) => batch?.reservedKg === 0,
    );
    expect(supply).toMatchObject({ issuedKg: 100, availableKg: 100, reservedKg: 0, soldKg: 0 });

    // The freed units are available again, lowest serials first.
    const next = await reserve(app, other, batchId, 100);
    expect(next).toMatchObject({ status: 'reserved', serials: [{ from: 1, to: 100 }] });
  });

  it('Expiry_WhenSettledInTime_ThenTheJobRunsAndChangesNothing', async () => {
    const batchId = await issueBatch(app, { quantityKg: 10 });
    // The app clock stands still while buying, so the payment is recorded within the 1 s however
    // slow the machine; the job still fires on real time, and finds the purchase settled.
    const frozen = new FixedClock(new Date());
    appClock(app).use(frozen);
    let purchase;
    try {
      purchase = await buy(app, buyer, batchId, 10, new Date(frozen.now().getTime() - 60_000).toISOString());
    } finally {
      appClock(app).use(systemClock);
    }
    const reservedEvent = (await batchEvents(app, batchId)).find((e) => e.type === 'CreditsReserved');
    const queue = app.app.get<JobQueues>(JOB_QUEUES).get(RESERVATIONS_QUEUE);
    await eventually(
      async () => (await queue.getJob(reservedEvent?.eventId as string))?.isCompleted() ?? false,
      (completed) => completed,
    );
    expect((await batchEvents(app, batchId)).map((e) => e.type)).toEqual(['BatchIssued', 'CreditsReserved', 'PurchaseSettled']);
    expect((await purchaseOf(purchase.id))?.status).toBe('settled');
  });
});
