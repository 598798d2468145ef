// Shared steps of the marketplace e2e suites: the app with an admin key, companies with their keys,
// batches issued straight through the batch decider (as the issuance chain's last step does), and
// purchases bought and paid over HTTP.
import { comparePositions, decideOnStream, EventStore, parsePosition, RecordedEvent } from '@lib/event-store';
import { Money, newId } from '@lib/kernel';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { systemMetadata } from '../../src/access/api-keys/system-metadata';
import { batchDecider } from '../../src/registry/batches/batch.decider';
import { batchStreamId } from '../../src/registry/batches/batch.events';
import { EVENT_STORE } from '../../src/ops/platform/platform.tokens';
import { createTestApp, TestApp } from '@test/support/test-app';
import { appClock, bearer, createAdminKey, createKey, registerCompany, streamEvents } from '../access/access-fixtures';

export { bearer, streamEvents };

export interface MarketApp extends TestApp {
  adminKey: string;
  financeKey: string;
  operatorKey: string;
}

export async function createMarketApp(tag: string, env: Record<string, string> = {}): Promise<MarketApp> {
  const testApp = await createTestApp({ tag, env });
  try {
    const adminKey = await createAdminKey(testApp);
    const [finance, operator] = await Promise.all([createKey(testApp.server, adminKey, 'finance'), createKey(testApp.server, adminKey, 'operator')]);
    return { ...testApp, adminKey, financeKey: finance.key, operatorKey: operator.key };
  } catch (error) {
    await testApp.close();
    throw error;
  }
}

export interface Buyer {
  companyId: string;
  key: string;
}

export async function createBuyer(app: MarketApp, name: string): Promise<Buyer> {
  const companyId = await registerCompany(app.server, app.adminKey, name);
  const { key } = await createKey(app.server, app.adminKey, 'company', companyId);
  return { companyId, key };
}

export interface BatchSpec {
  quantityKg: number;
  /** Price per tonne. */
  price?: Money;
  vintage?: number;
  siteCode?: string;
}

let batchNumbers = 0;

/**
 * A batch issued with IssueBatch on its stream, as the issuance chain's final step appends it.
 * Batch numbers are unique per suite process, so certificate numbers never repeat across batches.
 */
export async function issueBatch(app: TestApp, spec: BatchSpec): Promise<string> {
  const batchId = newId();
  batchNumbers += 1;
  const command = {
    type: 'IssueBatch' as const,
    data: {
      batchId,
      siteId: newId(),
      siteCode: spec.siteCode ?? 'KAM',
      milestoneId: newId(),
      vintage: spec.vintage ?? 2023,
      batchNo: batchNumbers,
      quantityKg: spec.quantityKg,
      pricePerTonne: spec.price ?? Money.of('USD', 480_000),
      now: new Date().toISOString(),
    },
  };
  await decideOnStream(eventStoreOf(app), batchStreamId(batchId), batchDecider, command, systemMetadata(appClock(app)));
  return batchId;
}

export function eventStoreOf(app: TestApp): EventStore {
  return app.app.get<EventStore>(EVENT_STORE);
}

export async function batchEvents(app: TestApp, batchId: string): Promise<RecordedEvent[]> {
  return streamEvents(app, batchStreamId(batchId));
}

/** Every event stored, counted in the PostgreSQL adapter's table (see countEvents in access-fixtures). */
export async function totalEvents(app: TestApp): Promise<number> {
  const [row]: { count: number }[] = await app.app.get(DataSource).query('SELECT count(*)::int AS count FROM events');
  return row.count;
}

export interface Purchase {
  id: string;
  amount: { currency: string; value: number };
  status: string;
  /** X-Log-Position of the command that returned it, for `?minPosition=`. */
  position: string;
}

export async function reserve(app: MarketApp, buyer: Buyer, batchId: string, quantityKg: number): Promise<Purchase> {
  const response = await request(app.server).post('/v1/purchases').set(bearer(buyer.key)).send({ batchId, quantityKg }).expect(201);
  return { ...(response.body as Purchase), position: positionOf(response) };
}

/** Reserves and pays the exact invoice: the units end up in the buyer's holding. */
export async function buy(app: MarketApp, buyer: Buyer, batchId: string, quantityKg: number, receivedAt = new Date().toISOString()): Promise<Purchase> {
  const purchase = await reserve(app, buyer, batchId, quantityKg);
  const paid = await request(app.server)
    .post(`/v1/purchases/${purchase.id}/payments`)
    .set(bearer(app.financeKey))
    .send({ amount: purchase.amount, receivedAt, bankRef: `BANK-${purchase.id.slice(0, 8)}` })
    .expect(200);
  return { ...(paid.body as Purchase), position: positionOf(paid) };
}

/** The X-Log-Position of a response, for `?minPosition=`. */
export function positionOf(response: request.Response): string {
  const position = response.headers['x-log-position'];
  if (typeof position !== 'string') throw new Error(`No X-Log-Position on ${response.status} ${JSON.stringify(response.body)}`);
  return position;
}

/** The latest X-Log-Position among several responses (positions order by commit, then prepare). */
export function latestPosition(responses: readonly request.Response[]): string {
  const positions = responses.map((response) => positionOf(response));
  const parsed = positions.map((text) => parsePosition(text) ?? { commit: 0n, prepare: 0n });
  let latest = 0;
  parsed.forEach((position, index) => {
    if (comparePositions(position, parsed[latest]) > 0) latest = index;
  });
  return positions[latest];
}
