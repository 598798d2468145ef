// Shared steps of the registry e2e suites over HTTP: operator keys, a site, a verified milestone
// (proposed by one operator, verified by another, R4) and an issued batch, each waited for in
// its read model. Other registry suites may use them to get batches the way production does.
import request from 'supertest';
import { bearer, createKey, HttpServer } from '../access/access-fixtures';

export interface Operators {
  /** Proposes milestones and issues credits. */
  proposer: string;
  /** Verifies what the proposer proposed (another key, R4). */
  verifier: string;
}

export async function createOperators(server: HttpServer, adminKey: string): Promise<Operators> {
  const [proposer, verifier] = await Promise.all([createKey(server, adminKey, 'operator'), createKey(server, adminKey, 'operator')]);
  return { proposer: proposer.key, verifier: verifier.key };
}

export interface SiteInput {
  code: string;
  name?: string;
  cooperative?: string;
  province?: string;
  country?: string;
  feeBps?: number;
}

export function siteBody(input: SiteInput): Record<string, unknown> {
  return { name: 'Kamilombe', cooperative: 'CMDS', province: 'Lualaba', country: 'CD', ...input };
}

/** Registers a site and waits until GET /v1/sites/:id shows it; returns its id. */
export async function registerSite(server: HttpServer, operatorKey: string, input: SiteInput): Promise<string> {
  const created = await request(server).post('/v1/sites').set(bearer(operatorKey)).send(siteBody(input)).expect(201);
  await request(server).get(`/v1/sites/${created.body.id}`).query({ minPosition: created.headers['x-log-position'] }).set(bearer(operatorKey)).expect(200);
  return created.body.id as string;
}

export interface MilestoneInput {
  title?: string;
  periodStart?: string;
  periodEnd?: string;
  quantityKg?: number;
  evidence?: { uri: string; sha256: string }[];
}

export const EVIDENCE_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function milestoneBody(input: MilestoneInput = {}): Record<string, unknown> {
  return {
    title: 'Responsible production 2023',
    periodStart: '2023-01-01',
    periodEnd: '2023-12-31',
    quantityKg: 2500,
    evidence: [{ uri: 'https://evidence.example.org/kam-2023.pdf', sha256: EVIDENCE_SHA256 }],
    ...input,
  };
}

/** Proposes (proposer) and verifies (verifier) a milestone, waits until GET /v1/milestones/:id shows it; returns its id. */
export async function verifiedMilestone(server: HttpServer, operators: Operators, siteId: string, input: MilestoneInput = {}): Promise<string> {
  const proposed = await request(server).post(`/v1/sites/${siteId}/milestones`).set(bearer(operators.proposer)).send(milestoneBody(input)).expect(201);
  const verified = await request(server).post(`/v1/milestones/${proposed.body.id}/verify`).set(bearer(operators.verifier)).expect(200);
  await request(server).get(`/v1/milestones/${proposed.body.id}`).query({ minPosition: verified.headers['x-log-position'] }).set(bearer(operators.verifier)).expect(200);
  return proposed.body.id as string;
}

export interface IssuanceInput {
  quantityKg: number;
  vintage?: number;
  price?: { currency: string; value: number };
}

export const PILOT_PRICE = { currency: 'USD', value: 480000 };

/** Issues credits against a verified milestone and waits until GET /v1/batches/:id shows the batch; returns the batch view. */
export async function issueBatch(server: HttpServer, operatorKey: string, milestoneId: string, input: IssuanceInput): Promise<Record<string, unknown> & { id: string }> {
  const body = { vintage: 2023, price: PILOT_PRICE, ...input };
  const issued = await request(server).post(`/v1/milestones/${milestoneId}/issuances`).set(bearer(operatorKey)).send(body).expect(201);
  await request(server).get(`/v1/batches/${issued.body.id}`).query({ minPosition: issued.headers['x-log-position'] }).set(bearer(operatorKey)).expect(200);
  return issued.body as Record<string, unknown> & { id: string };
}

/** Site → verified milestone → batch in one go, for suites that only need a batch to trade. */
export async function pilotBatch(server: HttpServer, adminKey: string, siteCode: string, quantityKg = 2500): Promise<{ batchId: string; siteId: string; milestoneId: string }> {
  const operators = await createOperators(server, adminKey);
  const siteId = await registerSite(server, operators.proposer, { code: siteCode });
  const milestoneId = await verifiedMilestone(server, operators, siteId, { quantityKg });
  const batch = await issueBatch(server, operators.proposer, milestoneId, { quantityKg });
  return { batchId: batch.id, siteId, milestoneId };
}
