// Shared steps of the reconciliation e2e suites: the app with the reconciliation slice, a finance
// key, and the records statement lines match, made straight from their (fixed) events so these
// suites do not depend on other slices' routes: a batch with reservations through the registry's
// own batch decider, disbursements and tranches as their funding events.
import { decideOnStream, EventMetadata, EventStore, LogPosition } from '@lib/event-store';
import { Money, newId } from '@lib/kernel';
import request from 'supertest';
import { systemMetadata } from '../../src/access/api-keys/system-metadata';
import { EVENT_STORE } from '../../src/ops/platform/platform.tokens';
import { batchDecider } from '../../src/registry/batches/batch.decider';
import { batchStreamId } from '../../src/registry/batches/batch.events';
import { appClock, bearer, issueKey } from '../access/access-fixtures';
import { createTestApp, TestApp } from '@test/support/test-app';

export { countEvents, streamEvents } from '../access/access-fixtures';

export const CSV_HEADER = 'date,amount,currency,reference,counterparty';

export interface ReconciliationApp extends TestApp {
  financeKey: string;
  auditorKey: string;
  eventStore: EventStore;
}

/** The whole app, with a finance and an auditor key. */
export async function createReconciliationApp(tag: string): Promise<ReconciliationApp> {
  const testApp = await createTestApp({ tag });
  try {
    const [finance, auditor] = [await issueKey(testApp, 'finance'), await issueKey(testApp, 'auditor')];
    return { ...testApp, financeKey: finance.key, auditorKey: auditor.key, eventStore: testApp.app.get<EventStore>(EVENT_STORE) };
  } catch (error) {
    await testApp.close();
    throw error;
  }
}

export function metadataOf(app: TestApp): EventMetadata {
  return systemMetadata(appClock(app));
}

export function csv(...lines: string[]): string {
  return [CSV_HEADER, ...lines].join('\n') + '\n';
}

export function postStatement(app: ReconciliationApp, body: string, key = app.financeKey) {
  return request(app.server).post('/v1/reconciliation/statements').set(bearer(key)).set('Content-Type', 'text/csv').send(body);
}

export function getPeriod(app: ReconciliationApp, period: string, query: Record<string, string> = {}) {
  return request(app.server).get(`/v1/reconciliation/periods/${period}`).set(bearer(app.financeKey)).query(query);
}

export function matchLine(app: ReconciliationApp, lineId: string, body: object) {
  return request(app.server).post(`/v1/reconciliation/lines/${lineId}/match`).set(bearer(app.financeKey)).send(body);
}

export function closePeriod(app: ReconciliationApp, period: string) {
  return request(app.server).post(`/v1/reconciliation/periods/${period}/close`).set(bearer(app.financeKey));
}

export interface Reserved {
  batchId: string;
  purchaseId: string;
  invoiceRef: string;
  amount: Money;
  position: LogPosition;
}

/** A KAM 2023 batch at USD 4,800 per tonne (the pilot's price). */
export async function issueBatch(app: ReconciliationApp, quantityKg = 10_000): Promise<string> {
  const batchId = newId();
  const now = appClock(app).now().toISOString();
  await decideOnStream(app.eventStore, batchStreamId(batchId), batchDecider, {
    type: 'IssueBatch',
    data: { batchId, siteId: newId(), siteCode: 'KAM', milestoneId: newId(), vintage: 2023, batchNo: 1, quantityKg, pricePerTonne: Money.of('USD', 480_000), now },
  }, metadataOf(app));
  return batchId;
}

/** Reserves `quantityKg` (USD 4.80 a kg) for a new purchase; its invoice is what a payment names. */
export async function reserve(app: ReconciliationApp, batchId: string, quantityKg: number): Promise<Reserved> {
  const purchaseId = newId();
  const now = appClock(app).now();
  const reservedUntil = new Date(now.getTime() + 72 * 3_600_000).toISOString();
  const { events, position } = await decideOnStream(app.eventStore, batchStreamId(batchId), batchDecider, {
    type: 'ReserveCredits', data: { purchaseId, companyId: newId(), quantityKg, reservedUntil, now: now.toISOString() },
  }, metadataOf(app));
  const [reserved] = events;
  if (reserved?.type !== 'CreditsReserved' || position === null) throw new Error('reservation failed');
  return { batchId, purchaseId, invoiceRef: reserved.data.invoiceRef, amount: Money.fromJSON(reserved.data.amount), position };
}

/** Finance records the payment itself, as the payments route does. */
export async function recordPayment(app: ReconciliationApp, purchase: Reserved, bankRef: string, receivedAt = '2026-03-05T10:00:00.000Z'): Promise<void> {
  await decideOnStream(app.eventStore, batchStreamId(purchase.batchId), batchDecider, {
    type: 'SettlePurchase', data: { purchaseId: purchase.purchaseId, payment: { amount: purchase.amount, receivedAt, bankRef }, now: appClock(app).now().toISOString() },
  }, metadataOf(app));
}

export async function cancel(app: ReconciliationApp, purchase: Reserved): Promise<void> {
  await decideOnStream(app.eventStore, batchStreamId(purchase.batchId), batchDecider, {
    type: 'CancelPurchase', data: { purchaseId: purchase.purchaseId, now: appClock(app).now().toISOString() },
  }, metadataOf(app));
}

/** A disbursement as the funding slice records it, on its allocation's stream. */
export async function recordDisbursement(app: ReconciliationApp, amount: Money, bankRef: string, paidAt = '2026-03-06'): Promise<string> {
  const disbursementId = newId();
  await app.eventStore.append(`site-funds-${newId()}`, [
    { type: 'DisbursementRecorded', data: { disbursementId, allocationId: newId(), amount: amount.toJSON(), paidAt, payee: 'CMDS cooperative', bankRef }, metadata: metadataOf(app) },
  ], 'no_stream');
  return disbursementId;
}

/** A grant tranche as the funding slice records it, on the grant's stream. */
export async function recordTranche(app: ReconciliationApp, amount: Money, bankRef: string, receivedAt = '2026-03-02'): Promise<string> {
  const trancheId = newId();
  await app.eventStore.append(`grant-${newId()}`, [
    { type: 'TrancheReceived', data: { trancheId, amount: amount.toJSON(), receivedAt, bankRef }, metadata: metadataOf(app) },
  ], 'no_stream');
  return trancheId;
}
