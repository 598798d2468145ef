// Signed webhook delivery (issue 4, part C): batch events recorded in the log reach the subscribed
// endpoints of the company concerned, signed over timestamp and body; a failing endpoint is retried
// with backoff until it answers 2xx, every attempt logged; another company's endpoint is never called.
import { randomUUID } from 'crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { decideOnStream, EventMetadata, EventStore } from '@lib/event-store';
import { Money, newId } from '@lib/kernel';
import { verifySignature } from '../../src/access/webhooks/webhook-signature';
import { EVENT_STORE } from '../../src/ops/platform/platform.tokens';
import type { BatchCommand } from '../../src/registry/batches/batch.commands';
import { batchDecider } from '../../src/registry/batches/batch.decider';
import { batchStreamId } from '../../src/registry/batches/batch.events';
import { bearer, createKey, registerCompany } from './access-fixtures';
import { AccessTestApp, createAccessTestApp } from './access-test-app';
import { startWebhookReceiver, WebhookReceiver } from './webhooks-receiver';

const USD_4800_PER_TONNE = Money.of('USD', 480_000n);

describe('webhook delivery (e2e)', () => {
  let testApp: AccessTestApp;
  let store: EventStore;
  let buyer: { companyId: string; key: string };
  let receiver: { companyId: string; key: string };
  const endpoints: WebhookReceiver[] = [];

  beforeAll(async () => {
    // Short retry delays so the retry test does not wait the production backoff.
    testApp = await createAccessTestApp({ tag: 'webhook_delivery', env: { WEBHOOK_RETRY_BASE_DELAY_MS: '200' } });
    store = testApp.app.get<EventStore>(EVENT_STORE);
    const buyerId = await registerCompany(testApp.server, testApp.adminKey, 'Buyer Cells GmbH');
    const receiverId = await registerCompany(testApp.server, testApp.adminKey, 'Receiver Motors AG');
    buyer = { companyId: buyerId, key: (await createKey(testApp.server, testApp.adminKey, 'company', buyerId)).key };
    receiver = { companyId: receiverId, key: (await createKey(testApp.server, testApp.adminKey, 'company', receiverId)).key };
  });

  afterAll(async () => {
    await testApp?.close();
    await Promise.all(endpoints.map((endpoint) => endpoint.close()));
  });

  async function endpoint(): Promise<WebhookReceiver> {
    const started = await startWebhookReceiver();
    endpoints.push(started);
    return started;
  }

  async function subscribe(company: { key: string }, url: string, events: string[]): Promise<{ id: string; secret: string }> {
    const response = await request(testApp.server).post('/v1/webhooks').set(bearer(company.key)).send({ url, events }).expect(201);
    return response.body as { id: string; secret: string };
  }

  function metadata(companyId: string | null): EventMetadata {
    return { actorKeyId: null, actorRole: 'company', companyId, correlationId: randomUUID(), causationId: null, occurredAt: new Date().toISOString() };
  }

  /** Runs batch commands straight on the batch stream: the log is what webhooks react to. */
  async function onBatch(batchId: string, command: BatchCommand, companyId: string | null = null): Promise<void> {
    await decideOnStream(store, batchStreamId(batchId), batchDecider, command, metadata(companyId));
  }

  async function issuedBatch(quantityKg: number): Promise<string> {
    const batchId = newId();
    const now = new Date().toISOString();
    const data = { batchId, siteId: newId(), siteCode: 'KAM', milestoneId: newId(), vintage: 2023, batchNo: 1, quantityKg, pricePerTonne: USD_4800_PER_TONNE, now };
    await onBatch(batchId, { type: 'IssueBatch', data });
    return batchId;
  }

  async function deliveryRows(webhookId: string): Promise<Array<{ attempt: number; outcome: string; http_status: number | null; event_name: string; error: string | null }>> {
    return testApp.app.get(DataSource).query(
      'SELECT attempt, outcome, http_status, event_name, error FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id',
      [webhookId],
    );
  }

  it('deliver_WhenReservedAndSettled_ThenSignedPostsWithEventIdAndVerifiableSignature_OtherCompanyNeverCalled', async () => {
    const ours = await endpoint();
    const theirs = await endpoint();
    const webhook = await subscribe(buyer, ours.url, ['purchase.reserved', 'purchase.settled']);
    const foreign = await subscribe(receiver, theirs.url, ['purchase.reserved', 'purchase.settled', 'purchase.expired', 'retirement.completed']);

    const batchId = await issuedBatch(2500);
    const purchaseId = newId();
    const reservedUntil = new Date(Date.now() + 3_600_000).toISOString();
    await onBatch(batchId, { type: 'ReserveCredits', data: { purchaseId, companyId: buyer.companyId, quantityKg: 2500, reservedUntil, now: new Date().toISOString() } }, buyer.companyId);
    const payment = { amount: Money.of('USD', 1_200_000n), receivedAt: new Date().toISOString(), bankRef: 'BANK-REF-1' };
    await onBatch(batchId, { type: 'SettlePurchase', data: { purchaseId, payment, now: new Date().toISOString() } });

    const requests = await ours.waitForRequests(2);
    const bodies = requests.map((received) => JSON.parse(received.body) as { id: string; type: string; createdAt: string; data: Record<string, unknown> });
    expect(bodies.map((body) => body.type).sort()).toEqual(['purchase.reserved', 'purchase.settled']);
    const reserved = bodies.find((body) => body.type === 'purchase.reserved');
    expect(reserved?.data).toEqual({
      purchaseId,
      batchId,
      quantityKg: 2500,
      serials: [{ from: 1, to: 2500 }],
      amount: { currency: 'USD', value: 1_200_000 },
      invoiceRef: 'INV-KAM-2023-0001-00001',
      reservedUntil,
    });
    for (const received of requests) {
      expect(received.method).toBe('POST');
      expect(received.path).toBe('/hooks');
      expect(received.headers['content-type']).toBe('application/json');
      expect(received.headers['x-rcc-event-id']).toBe(JSON.parse(received.body).id);
      const signature = String(received.headers['x-rcc-signature']);
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifySignature(webhook.secret, signature, received.body, Math.floor(Date.now() / 1000))).toBe(true);
      expect(verifySignature(foreign.secret, signature, received.body, Math.floor(Date.now() / 1000))).toBe(false);
    }
    // Each fan-out finished before the delivery it queued; none queued anything for the other company.
    expect(theirs.received).toEqual([]);
    expect(await deliveryRows(foreign.id)).toEqual([]);
    // The attempt is logged once the endpoint's answer is in, a moment after the endpoint saw it.
    await waitFor(async () => (await deliveryRows(webhook.id)).length === 2);
    expect((await deliveryRows(webhook.id)).map((row) => row.outcome)).toEqual(['delivered', 'delivered']);
  });

  it('deliver_WhenEndpointFailsTwice_ThenRetriedWithBackoffUntil2xx_EachAttemptLogged', async () => {
    const flaky = await endpoint();
    flaky.answerNext(500, 503);
    const webhook = await subscribe(buyer, flaky.url, ['purchase.reserved']);
    const batchId = await issuedBatch(100);
    await onBatch(
      batchId,
      { type: 'ReserveCredits', data: { purchaseId: newId(), companyId: buyer.companyId, quantityKg: 40, reservedUntil: new Date(Date.now() + 3_600_000).toISOString(), now: new Date().toISOString() } },
      buyer.companyId,
    );
    const attempts = await flaky.waitForRequests(3);
    // The same notification each time (same event id and body), re-signed per attempt.
    expect(new Set(attempts.map((attempt) => attempt.headers['x-rcc-event-id'])).size).toBe(1);
    expect(new Set(attempts.map((attempt) => attempt.body)).size).toBe(1);
    for (const attempt of attempts) expect(verifySignature(webhook.secret, String(attempt.headers['x-rcc-signature']), attempt.body, Math.floor(Date.now() / 1000))).toBe(true);
    await waitFor(async () => (await deliveryRows(webhook.id)).length === 3);
    expect(await deliveryRows(webhook.id)).toEqual([
      { attempt: 1, outcome: 'failed', http_status: 500, event_name: 'purchase.reserved', error: null },
      { attempt: 2, outcome: 'failed', http_status: 503, event_name: 'purchase.reserved', error: null },
      { attempt: 3, outcome: 'delivered', http_status: 200, event_name: 'purchase.reserved', error: null },
    ]);
  });

  it('deliver_WhenTransferred_ThenOnlyTheReceivingCompanyIsNotified', async () => {
    const senderEndpoint = await endpoint();
    const receiverEndpoint = await endpoint();
    const senderHook = await subscribe(buyer, senderEndpoint.url, ['transfer.received']);
    await subscribe(receiver, receiverEndpoint.url, ['transfer.received']);
    const batchId = await issuedBatch(300);
    const purchaseId = newId();
    const now = () => new Date().toISOString();
    await onBatch(batchId, { type: 'ReserveCredits', data: { purchaseId, companyId: buyer.companyId, quantityKg: 300, reservedUntil: new Date(Date.now() + 3_600_000).toISOString(), now: now() } }, buyer.companyId);
    await onBatch(batchId, { type: 'SettlePurchase', data: { purchaseId, payment: { amount: Money.of('USD', 144_000n), receivedAt: now(), bankRef: 'BANK-REF-2' }, now: now() } });
    const transferId = newId();
    await onBatch(batchId, { type: 'TransferCredits', data: { transferId, fromCompanyId: buyer.companyId, toCompanyId: receiver.companyId, quantityKg: 120, now: now() } }, buyer.companyId);

    const [received] = await receiverEndpoint.waitForRequests(1);
    const body = JSON.parse(received.body) as { type: string; data: Record<string, unknown> };
    expect(body).toMatchObject({ type: 'transfer.received', data: { transferId, batchId, fromCompanyId: buyer.companyId, quantityKg: 120, serials: [{ from: 1, to: 120 }] } });
    expect(senderEndpoint.received).toEqual([]);
    expect(await deliveryRows(senderHook.id)).toEqual([]);
  });

  it('deliver_WhenWebhookDeletedBeforeTheEvent_ThenNotCalled', async () => {
    const deletedEndpoint = await endpoint();
    const liveEndpoint = await endpoint();
    const deleted = await subscribe(buyer, deletedEndpoint.url, ['purchase.reserved']);
    await request(testApp.server).delete(`/v1/webhooks/${deleted.id}`).set(bearer(buyer.key)).expect(200);
    await subscribe(buyer, liveEndpoint.url, ['purchase.reserved']);
    const batchId = await issuedBatch(10);
    await onBatch(batchId, { type: 'ReserveCredits', data: { purchaseId: newId(), companyId: buyer.companyId, quantityKg: 10, reservedUntil: new Date(Date.now() + 3_600_000).toISOString(), now: new Date().toISOString() } }, buyer.companyId);
    await liveEndpoint.waitForRequests(1);
    expect(deletedEndpoint.received).toEqual([]);
  });
  it('deliver_WhenTheStoredSecretCannotBeOpened_ThenNothingIsSentAndTheAttemptIsLoggedAsFailed', async () => {
    const target = await endpoint();
    const webhook = await subscribe(buyer, target.url, ['purchase.reserved']);
    // As if WEBHOOK_SECRET_KEY had changed since the secret was sealed.
    await testApp.app.get(DataSource).query("UPDATE webhooks SET secret_sealed = 'enc:v1:AAAA:AAAA:AAAA' WHERE id = $1", [webhook.id]);
    const batchId = await issuedBatch(10);
    await onBatch(batchId, { type: 'ReserveCredits', data: { purchaseId: newId(), companyId: buyer.companyId, quantityKg: 5, reservedUntil: new Date(Date.now() + 3_600_000).toISOString(), now: new Date().toISOString() } }, buyer.companyId);
    await waitFor(async () => (await deliveryRows(webhook.id)).length >= 1);
    const [first] = await deliveryRows(webhook.id);
    expect(first).toMatchObject({ attempt: 1, outcome: 'failed', http_status: null });
    expect(first.error).toContain('Cannot read the webhook signing secret');
    expect(target.received).toEqual([]);
  });
});

/** Polls until `condition` holds; fails after 30 s (a bound on a broken run, not a timing claim). */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
