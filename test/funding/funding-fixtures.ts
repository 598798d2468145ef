// Shared steps of the funding e2e suites: the app with staff keys, sites over HTTP, settled
// purchases (appended through the batch decider, as the registry's own commands would), waiting
// for the sale proceeds reactor and the `funding` read model, and the funding commands over HTTP.
import { randomUUID } from 'crypto';
import { comparePositions, decideOnStream, EventMetadata, EventStore, formatPosition, LogPosition, parsePosition, RecordedEvent, StreamNotFound } from '@lib/event-store';
import { Money, MoneyJson, newId } from '@lib/kernel';
import request from 'supertest';
import { EVENT_STORE } from '../../src/ops/platform/platform.tokens';
import { ProceedsReactorHost } from '../../src/funding/proceeds/proceeds-reactor.host';
import { FUNDING_PROJECTION } from '../../src/funding/pools/funding-ledger/funding-ledger.projection';
import { ProjectionsHost } from '../../src/ops/platform/projections-host';
import { PROGRAMME_FUNDS_STREAM, siteFundsStreamId } from '../../src/funding/pools/funding-source';
import { batchDecider } from '../../src/registry/batches/batch.decider';
import { batchStreamId } from '../../src/registry/batches/batch.events';
import { appClock, bearer, createKey, HttpServer } from '../access/access-fixtures';
import { AccessTestApp, createAccessTestApp } from '../access/access-test-app';

export interface FundingTestApp extends AccessTestApp {
  operatorKey: string;
  financeKey: string;
  auditorKey: string;
}

/** Waits are bounded so a broken reactor fails the test instead of hanging it. */
const WAIT_MS = 30_000;

export async function createFundingTestApp(tag: string): Promise<FundingTestApp> {
  const testApp = await createAccessTestApp({ tag });
  try {
    const [operator, finance, auditor] = await Promise.all(
      (['operator', 'finance', 'auditor'] as const).map((role) => createKey(testApp.server, testApp.adminKey, role)),
    );
    return { ...testApp, operatorKey: operator.key, financeKey: finance.key, auditorKey: auditor.key };
  } catch (error) {
    await testApp.close();
    throw error;
  }
}

export function eventStoreOf(testApp: AccessTestApp): EventStore {
  return testApp.app.get<EventStore>(EVENT_STORE);
}

export function logPositionOf(response: request.Response): string {
  const header = response.headers['x-log-position'];
  if (typeof header !== 'string') throw new Error(`No X-Log-Position on ${response.status} ${JSON.stringify(response.body)}`);
  return header;
}

/** Registers a site over HTTP (the registry's route) and returns its id. */
export async function registerSite(testApp: FundingTestApp, code: string, feeBps: number): Promise<string> {
  const response = await request(testApp.server)
    .post('/v1/sites')
    .set(bearer(testApp.operatorKey))
    .send({ code, name: `Site ${code}`, cooperative: 'CMDS', province: 'Lualaba', country: 'CD', feeBps })
    .expect(201);
  return (response.body as { id: string }).id;
}

function systemMeta(testApp: AccessTestApp): EventMetadata {
  return { actorKeyId: null, actorRole: null, companyId: null, correlationId: randomUUID(), causationId: null, occurredAt: appClock(testApp).now().toISOString() };
}

export interface SettledPurchase {
  batchId: string;
  purchaseId: string;
  amount: MoneyJson;
  position: LogPosition;
}

/**
 * Issues a batch at the site, reserves `quantityKg` and settles it with the exact invoice amount,
 * through the batch decider on `batch-{id}`: the `PurchaseSettled` the reactor consumes.
 */
export async function settlePurchase(
  testApp: FundingTestApp,
  site: { siteId: string; code: string },
  pricePerTonne: Money,
  quantityKg: number,
  receivedAt = '2026-03-09T10:00:00.000Z',
): Promise<SettledPurchase> {
  const store = eventStoreOf(testApp);
  const batchId = newId();
  const purchaseId = newId();
  const now = appClock(testApp).now().toISOString();
  const stream = batchStreamId(batchId);
  await decideOnStream(store, stream, batchDecider, {
    type: 'IssueBatch',
    data: { batchId, siteId: site.siteId, siteCode: site.code, milestoneId: newId(), vintage: 2023, batchNo: 1, quantityKg, pricePerTonne, now },
  }, systemMeta(testApp));
  const reserved = await decideOnStream(store, stream, batchDecider, {
    type: 'ReserveCredits',
    data: { purchaseId, companyId: newId(), quantityKg, reservedUntil: new Date(Date.parse(now) + 86_400_000).toISOString(), now },
  }, systemMeta(testApp));
  if (reserved.state.status !== 'issued') throw new Error('batch not issued');
  const reservation = reserved.state.reservations.get(purchaseId);
  if (reservation === undefined) throw new Error('purchase not reserved');
  const settled = await decideOnStream(store, stream, batchDecider, {
    type: 'SettlePurchase',
    data: { purchaseId, payment: { amount: reservation.amount, receivedAt, bankRef: `IN-${purchaseId.slice(-8)}` }, now },
  }, systemMeta(testApp));
  if (settled.position === null) throw new Error('purchase not settled');
  return { batchId, purchaseId, amount: reservation.amount.toJSON(), position: settled.position };
}

async function lastPosition(store: EventStore, streamId: string): Promise<LogPosition | null> {
  try {
    const events = await store.readStream(streamId);
    return events.length === 0 ? null : events[events.length - 1].position;
  } catch (error) {
    if (error instanceof StreamNotFound) return null;
    throw error;
  }
}

/**
 * Waits until the reactor has handled the log up to `settled`, and returns the position a GET
 * must wait for (`?minPosition=`) to see the proceeds it credited at `siteId`.
 */
export async function awaitProceeds(testApp: FundingTestApp, settled: LogPosition, siteId: string): Promise<string> {
  const reached = await testApp.app.get(ProceedsReactorHost).reactor.waitUntilProcessed(settled, WAIT_MS);
  if (!reached) throw new Error('The sale proceeds reactor did not reach the settlement');
  const store = eventStoreOf(testApp);
  const positions = [settled, await lastPosition(store, siteFundsStreamId(siteId)), await lastPosition(store, PROGRAMME_FUNDS_STREAM)];
  const latest = positions.filter((p): p is LogPosition => p !== null).sort(comparePositions);
  return awaitFunding(testApp, formatPosition(latest[latest.length - 1]));
}

/**
 * Waits (longer than a GET's 2 s `?minPosition=` wait: a suite's first read may meet the read
 * models' initial build on a busy machine) until the `funding` read model reflects `position`.
 */
export async function awaitFunding(testApp: AccessTestApp, position: string): Promise<string> {
  const reached = await testApp.app.get(ProjectionsHost).waitForPosition(parsedPosition(position), WAIT_MS, [FUNDING_PROJECTION]);
  if (!reached) throw new Error(`The funding read model did not reach ${position}`);
  return position;
}

export async function streamEventsOf(testApp: AccessTestApp, streamId: string): Promise<RecordedEvent[]> {
  try {
    return await eventStoreOf(testApp).readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}

export function parsedPosition(text: string): LogPosition {
  const position = parsePosition(text);
  if (position === null) throw new Error(`Not a log position: ${text}`);
  return position;
}

export const eur = (euros: number): MoneyJson => ({ currency: 'EUR', value: euros * 100 });
export const usd = (cents: number): MoneyJson => ({ currency: 'USD', value: cents });

export async function registerGrant(server: HttpServer, financeKey: string, body: Record<string, unknown>): Promise<{ id: string; position: string }> {
  const response = await request(server).post('/v1/grants').set(bearer(financeKey)).send(body).expect(201);
  return { id: (response.body as { id: string }).id, position: logPositionOf(response) };
}

export function receiveTranche(server: HttpServer, financeKey: string, grantId: string, body: Record<string, unknown>): request.Test {
  return request(server).post(`/v1/grants/${grantId}/tranches`).set(bearer(financeKey)).send(body);
}

export interface AllocationBody {
  siteId: string;
  source: { type: 'credit_sales' } | { type: 'grant'; grantId: string };
  category: string;
  amount: MoneyJson;
  project?: string;
  committeeRef?: string;
  decidedAt?: string;
}

export function allocate(server: HttpServer, operatorKey: string, body: AllocationBody): request.Test {
  return request(server)
    .post('/v1/allocations')
    .set(bearer(operatorKey))
    .send({ project: 'Ventilation of shaft 3', committeeRef: 'FAC-2026-03', decidedAt: '2026-03-10', ...body });
}

export function disburse(server: HttpServer, financeKey: string, allocationId: string, body: Partial<Record<string, unknown>> & { amount: MoneyJson }): request.Test {
  return request(server)
    .post(`/v1/allocations/${allocationId}/disbursements`)
    .set(bearer(financeKey))
    .send({ paidAt: '2026-03-10', payee: 'Kolwezi Safety Supplies SARL', bankRef: `OUT-${randomUUID().slice(0, 8)}`, ...body });
}
