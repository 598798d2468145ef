// The route × role matrix (issue 3): one row per route the app registers, with the status each
// caller must get. route-role-matrix.e2e.ts discovers the routes of the running app and fails on
// any route missing here, so every issue that adds a route adds its row (and, if it needs objects
// to act on, builds them in `request` through the fixture).
import request from 'supertest';
import type { Role } from '../../src/access/auth/actor';
import { issueBatch, milestoneBody, PILOT_PRICE, registerSite, siteBody, verifiedMilestone } from '../registry/issuance.fixtures';
import { createKey, HttpServer } from './access-fixtures';

/**
 * - admin … auditor: a valid key of that staff role.
 * - company: a company key acting on its own company's object (or on no object).
 * - companyOther: the same company key, on another company's object (R11: 404, never 403).
 * - noKey, malformedKey, revokedKey (an admin key, revoked): never authenticated.
 */
export const CALLERS = ['admin', 'operator', 'finance', 'auditor', 'company', 'companyOther', 'noKey', 'malformedKey', 'revokedKey'] as const;
export type Caller = (typeof CALLERS)[number];

export interface MatrixRequest {
  /** The concrete path, e.g. `/v1/companies/0190…`. */
  path: string;
  query?: Record<string, string>;
  /** A JSON body, or a string sent as is (with `headers` naming its content type). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface MatrixFixture {
  server: HttpServer;
  adminKey: string;
  /** The company of the `company` caller, and a company that is not its own. */
  ownCompanyId: string;
  otherCompanyId: string;
  /** Creates (once per name) and remembers an object several rows or callers share. */
  memo<T>(name: string, create: () => Promise<T>): Promise<T>;
}

export interface MatrixRow {
  /** `METHOD /path/:param` exactly as registered (the Fastify route template). */
  route: string;
  expect: Readonly<Record<Caller, number>>;
  /** The request to send for a caller; defaults to the route itself with no body. */
  request?: (fixture: MatrixFixture, caller: Caller) => MatrixRequest | Promise<MatrixRequest>;
}

const STAFF: readonly Role[] = ['admin', 'operator', 'finance', 'auditor'];
const NEVER_AUTHENTICATED = { noKey: 401, malformedKey: 401, revokedKey: 401 } as const;

/** Open to everyone, key or not, valid or not. */
export function everyone(status: number): Record<Caller, number> {
  return Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Record<Caller, number>;
}

/**
 * `status` for the roles listed, 403 for the others, 401 without a valid key. A company caller
 * gets the same answer for `companyOther` unless `companyOther` says otherwise (objects owned by
 * a company: 404).
 */
export function only(status: number, roles: readonly Role[], overrides: Partial<Record<Caller, number>> = {}): Record<Caller, number> {
  const byRole = (role: Role) => (roles.includes(role) ? status : 403);
  return {
    admin: byRole('admin'),
    operator: byRole('operator'),
    finance: byRole('finance'),
    auditor: byRole('auditor'),
    company: byRole('company'),
    companyOther: byRole('company'),
    ...NEVER_AUTHENTICATED,
    ...overrides,
  };
}

const companyPath = (fixture: MatrixFixture, caller: Caller) =>
  `/v1/companies/${caller === 'companyOther' ? fixture.otherCompanyId : fixture.ownCompanyId}`;

export const ROUTE_MATRIX: readonly MatrixRow[] = [
  // Ops: /health open for liveness probes; /ready and /metrics need a staff key (issue 3).
  { route: 'GET /health', expect: everyone(200) },
  { route: 'GET /ready', expect: only(200, STAFF) },
  { route: 'GET /metrics', expect: only(200, STAFF) },
  { route: 'GET /docs-json', expect: everyone(200) },

  // Access (issue 3).
  {
    route: 'POST /v1/companies',
    expect: only(201, ['admin', 'operator']),
    request: () => ({ path: '/v1/companies', body: { name: 'Matrix Batteries Ltd', country: 'GB' } }),
  },
  {
    route: 'GET /v1/companies/:id',
    expect: only(200, [...STAFF, 'company'], { companyOther: 404 }),
    request: (fixture, caller) => ({ path: companyPath(fixture, caller) }),
  },
  {
    route: 'POST /v1/api-keys',
    expect: only(201, ['admin']),
    request: () => ({ path: '/v1/api-keys', body: { role: 'auditor', label: 'matrix' } }),
  },
  {
    route: 'DELETE /v1/api-keys/:id',
    expect: only(200, ['admin']),
    request: async (fixture) => {
      // One target for every caller: revoking an already revoked key still answers 200.
      const target = await fixture.memo('revocable key', () => createKey(fixture.server, fixture.adminKey, 'finance'));
      return { path: `/v1/api-keys/${target.id}` };
    },
  },
  { route: 'GET /v1/me', expect: only(200, [...STAFF, 'company']) },

  // Registry: sites, milestones, issuance, batch supply (issue 4, part A). Objects are made by an
  // operator key of their own, so the matrix's operator is never the proposer it must differ from (R4).
  {
    route: 'POST /v1/sites',
    expect: only(201, ['operator']),
    request: () => ({ path: '/v1/sites', body: siteBody({ code: nextSiteCode() }) }),
  },
  { route: 'GET /v1/sites', expect: only(200, [...STAFF, 'company']) },
  {
    route: 'GET /v1/sites/:id',
    expect: only(200, [...STAFF, 'company']),
    request: async (fixture) => ({ path: `/v1/sites/${await matrixSite(fixture)}` }),
  },
  {
    route: 'POST /v1/sites/:id/milestones',
    expect: only(201, ['operator']),
    request: async (fixture) => ({ path: `/v1/sites/${await matrixSite(fixture)}/milestones`, body: milestoneBody() }),
  },
  {
    route: 'GET /v1/sites/:id/milestones',
    expect: only(200, STAFF),
    request: async (fixture) => ({ path: `/v1/sites/${await matrixSite(fixture)}/milestones` }),
  },
  {
    route: 'GET /v1/milestones/:id',
    expect: only(200, STAFF),
    request: async (fixture) => ({ path: `/v1/milestones/${await matrixMilestone(fixture, 'verified milestone')}` }),
  },
  {
    route: 'POST /v1/milestones/:id/verify',
    expect: only(200, ['operator']),
    request: async (fixture) => ({ path: `/v1/milestones/${await proposedMilestone(fixture, 'milestone to verify')}/verify` }),
  },
  {
    route: 'POST /v1/milestones/:id/reject',
    expect: only(200, ['operator']),
    request: async (fixture) => ({ path: `/v1/milestones/${await proposedMilestone(fixture, 'milestone to reject')}/reject`, body: { reason: 'Matrix' } }),
  },
  {
    route: 'POST /v1/milestones/:id/issuances',
    expect: only(201, ['operator']),
    request: async (fixture) => ({
      path: `/v1/milestones/${await matrixMilestone(fixture, 'verified milestone')}/issuances`,
      body: { quantityKg: 1, vintage: 2023, price: PILOT_PRICE },
    }),
  },
  { route: 'GET /v1/batches', expect: only(200, [...STAFF, 'company']) },
  {
    route: 'GET /v1/batches/:id',
    expect: only(200, [...STAFF, 'company']),
    request: async (fixture) => ({ path: `/v1/batches/${await matrixBatch(fixture)}` }),
  },
  {
    route: 'PUT /v1/batches/:id/price',
    expect: only(200, ['operator']),
    request: async (fixture) => ({ path: `/v1/batches/${await matrixBatch(fixture)}/price`, body: { price: { currency: 'USD', value: 500000 } } }),
  },
  // Registry: the marketplace (issue 4, part B). Objects belong to the `company` caller's company
  // or, for companyOther, to the other company, and are bought on a batch of their own.
  {
    route: 'POST /v1/purchases',
    expect: only(201, ['company']),
    request: async (fixture) => ({ path: '/v1/purchases', body: { batchId: await marketBatch(fixture), quantityKg: 1 } }),
  },
  { route: 'GET /v1/purchases', expect: only(200, [...STAFF, 'company']) },
  {
    route: 'GET /v1/purchases/:id',
    expect: only(200, [...STAFF, 'company'], { companyOther: 404 }),
    request: async (fixture, caller) => ({ path: `/v1/purchases/${(await marketPurchase(fixture, ownerOf(caller), 'purchase to read')).id}` }),
  },
  {
    route: 'POST /v1/purchases/:id/payments',
    expect: only(200, ['finance']),
    request: async (fixture) => {
      const purchase = await marketPurchase(fixture, 'own', 'purchase to pay');
      return { path: `/v1/purchases/${purchase.id}/payments`, body: { amount: purchase.amount, receivedAt: '2026-01-05T10:00:00Z', bankRef: 'MATRIX-1' } };
    },
  },
  {
    // The operator cancels first; the owner's repeat changes nothing and answers 200 as well.
    route: 'POST /v1/purchases/:id/cancel',
    expect: only(200, ['operator', 'company'], { companyOther: 404 }),
    request: async (fixture, caller) => ({ path: `/v1/purchases/${(await marketPurchase(fixture, ownerOf(caller), 'purchase to cancel')).id}/cancel` }),
  },
  {
    route: 'GET /v1/companies/:id/holdings',
    expect: only(200, [...STAFF, 'company'], { companyOther: 404 }),
    request: (fixture, caller) => ({ path: `${companyPath(fixture, caller)}/holdings` }),
  },
  {
    route: 'POST /v1/transfers',
    expect: only(201, ['company']),
    request: async (fixture) => {
      const { batchId } = await marketHolding(fixture, 'own');
      return { path: '/v1/transfers', body: { batchId, toCompanyId: fixture.otherCompanyId, quantityKg: 1 } };
    },
  },
  {
    route: 'POST /v1/retirements',
    expect: only(201, ['company']),
    request: async (fixture) => ({ path: '/v1/retirements', body: retirementBody((await marketHolding(fixture, 'own')).batchId) }),
  },
  {
    route: 'GET /v1/retirements/:id',
    expect: only(200, [...STAFF, 'company'], { companyOther: 404 }),
    request: async (fixture, caller) => ({ path: `/v1/retirements/${await marketRetirement(fixture, ownerOf(caller))}` }),
  },
  {
    route: 'PUT /v1/companies/:id/footprints/:year',
    expect: only(200, ['company'], { companyOther: 404 }),
    request: (fixture, caller) => ({ path: `${companyPath(fixture, caller)}/footprints/2025`, body: { cobaltKg: 2500 } }),
  },
  {
    route: 'GET /v1/companies/:id/footprints',
    expect: only(200, [...STAFF, 'company'], { companyOther: 404 }),
    request: (fixture, caller) => ({ path: `${companyPath(fixture, caller)}/footprints` }),
  },
  {
    route: 'GET /v1/companies/:id/footprints/:year',
    expect: only(200, [...STAFF, 'company'], { companyOther: 404 }),
    request: async (fixture, caller) => {
      await marketFootprint(fixture);
      return { path: `${companyPath(fixture, caller)}/footprints/2024` };
    },
  },

  // Registry: certificates, public routes (no key: everyone, whatever key is sent) and webhooks
  // (issue 4, part C).
  {
    route: 'GET /v1/retirements/:id/certificate',
    expect: only(200, [...STAFF, 'company'], { companyOther: 404 }),
    request: async (fixture, caller) => ({ path: `/v1/retirements/${await renderedCertificate(fixture, ownerOf(caller))}/certificate` }),
  },
  { route: 'GET /v1/public/serials/:serial', expect: everyone(200), request: async (fixture) => ({ path: `/v1/public/serials/${await publicSerial(fixture)}` }) },
  { route: 'GET /v1/public/retirements', expect: everyone(200) },
  {
    route: 'GET /v1/public/retirements/:certificateNo',
    expect: everyone(200),
    request: async (fixture) => ({ path: `/v1/public/retirements/${await publicCertificateNo(fixture)}` }),
  },
  { route: 'POST /v1/webhooks', expect: only(201, ['company']), request: () => ({ path: '/v1/webhooks', body: webhookBody() }) },
  { route: 'GET /v1/webhooks', expect: only(200, ['company']) },
  {
    // Deleting an already deleted webhook answers 200 again; another company's answers 404.
    route: 'DELETE /v1/webhooks/:id',
    expect: only(200, ['company'], { companyOther: 404 }),
    request: async (fixture, caller) => ({ path: `/v1/webhooks/${await matrixWebhook(fixture, ownerOf(caller))}` }),
  },

  // Funding: pools, grants, allocations, disbursements, reports (issue 5, part 1). Objects are made
  // once per matrix by keys of their own; repeating a cancellation answers 200 (nothing to do).
  {
    route: 'POST /v1/grants',
    expect: only(201, ['finance']),
    request: () => ({ path: '/v1/grants', body: { funder: 'Matrix Funder', reference: 'MATRIX-ROUTE-GRANT', total: { currency: 'EUR', value: 100_000 } } }),
  },
  {
    route: 'POST /v1/grants/:id/tranches',
    expect: only(201, ['finance']),
    request: async (fixture) => ({
      path: `/v1/grants/${await matrixGrant(fixture)}/tranches`,
      body: { amount: { currency: 'EUR', value: 1_000 }, receivedAt: '2026-01-16', bankRef: 'MATRIX-TR-2' },
    }),
  },
  {
    route: 'POST /v1/allocations',
    expect: only(201, ['operator']),
    request: async (fixture) => ({ path: '/v1/allocations', body: await matrixAllocationBody(fixture) }),
  },
  {
    route: 'POST /v1/allocations/:id/cancel',
    expect: only(200, ['operator']),
    request: async (fixture) => ({ path: `/v1/allocations/${await matrixAllocation(fixture, 'cancellable allocation')}/cancel`, body: { reason: 'Matrix reversal' } }),
  },
  {
    route: 'POST /v1/allocations/:id/disbursements',
    expect: only(201, ['finance']),
    request: async (fixture) => ({
      path: `/v1/allocations/${await matrixAllocation(fixture, 'allocation')}/disbursements`,
      body: { amount: { currency: 'EUR', value: 10 }, paidAt: '2026-01-21', payee: 'Matrix payee', bankRef: 'MATRIX-OUT-1' },
    }),
  },
  { route: 'GET /v1/allocations', expect: only(200, STAFF) },
  {
    route: 'GET /v1/allocations/:id',
    expect: only(200, STAFF),
    request: async (fixture) => ({ path: `/v1/allocations/${await matrixAllocation(fixture, 'allocation')}` }),
  },
  {
    route: 'GET /v1/sites/:id/funding',
    expect: only(200, STAFF),
    request: async (fixture) => ({ path: `/v1/sites/${await matrixFundedSite(fixture)}/funding` }),
  },
  {
    route: 'GET /v1/public/sites/:id/funding',
    expect: everyone(200),
    request: async (fixture) => ({ path: `/v1/public/sites/${await matrixFundedSite(fixture)}/funding` }),
  },
  { route: 'GET /v1/reports/funding', expect: only(200, ['finance', 'auditor']), request: () => ({ path: '/v1/reports/funding', query: { asOf: '2026-01-31' } }) },
  {
    route: 'GET /v1/reports/grants/:id',
    expect: only(200, ['finance', 'auditor']),
    request: async (fixture) => ({ path: `/v1/reports/grants/${await matrixGrant(fixture)}`, query: { format: 'csv' } }),
  },

  // Funding: reconciliation (issue 5, part 2). The matrix sends JSON or no body; the statement
  // A one-line statement of its own, so finance (the only caller let through) imports it: 201.
  {
    route: 'POST /v1/reconciliation/statements',
    expect: only(201, ['finance']),
    request: () => ({
      path: '/v1/reconciliation/statements',
      headers: { 'Content-Type': 'text/csv' },
      body: 'date,amount,currency,reference,counterparty\n2026-01-30,-1.50,USD,MATRIX ROW FEE,Bank\n',
    }),
  },
  { route: 'GET /v1/reconciliation/periods/:period', expect: only(200, ['finance', 'auditor']), request: () => ({ path: '/v1/reconciliation/periods/2026-01' }) },
  {
    route: 'POST /v1/reconciliation/lines/:id/match',
    expect: only(200, ['finance']),
    // Explaining the same line the same way again changes nothing and answers 200.
    request: async (fixture) => ({ path: `/v1/reconciliation/lines/${await reconciliationLine(fixture)}/match`, body: { explanation: 'Matrix bank fee' } }),
  },
  // An empty month long over: closing it, or closing it again, answers 200.
  { route: 'POST /v1/reconciliation/periods/:period/close', expect: only(200, ['finance']), request: () => ({ path: '/v1/reconciliation/periods/2020-01/close' }) },

  // Tamper evidence (issue 3): the raw log and the chain check for auditors and admins, the ledger head for everyone.
  { route: 'GET /v1/audit/events', expect: only(200, ['auditor', 'admin']) },
  { route: 'GET /v1/audit/verify', expect: only(200, ['auditor', 'admin']) },
  { route: 'GET /v1/public/ledger-head', expect: everyone(200) },
];

let siteCodeSequence = 0;
/** A fresh site code per call (codes are unique registry-wide). */
function nextSiteCode(): string {
  siteCodeSequence += 1;
  return `MX${siteCodeSequence}`;
}

/** The operator key that owns the registry objects of the matrix (not the `operator` caller's key). */
function registryOperator(fixture: MatrixFixture): Promise<string> {
  return fixture.memo('registry operator', async () => (await createKey(fixture.server, fixture.adminKey, 'operator')).key);
}

function matrixSite(fixture: MatrixFixture): Promise<string> {
  return fixture.memo('site', async () => registerSite(fixture.server, await registryOperator(fixture), { code: 'MATRIX' }));
}

function proposedMilestone(fixture: MatrixFixture, name: string): Promise<string> {
  return fixture.memo(name, async () => {
    const response = await request(fixture.server)
      .post(`/v1/sites/${await matrixSite(fixture)}/milestones`)
      .set({ Authorization: `Bearer ${await registryOperator(fixture)}` })
      .send(milestoneBody())
      .expect(201);
    return response.body.id as string;
  });
}

/** A milestone proposed by the registry operator and verified by a second operator key. */
function matrixMilestone(fixture: MatrixFixture, name: string): Promise<string> {
  return fixture.memo(name, async () => {
    const verifier = await createKey(fixture.server, fixture.adminKey, 'operator');
    return verifiedMilestone(fixture.server, { proposer: await registryOperator(fixture), verifier: verifier.key }, await matrixSite(fixture));
  });
}

function matrixBatch(fixture: MatrixFixture): Promise<string> {
  return fixture.memo('batch', async () => {
    const milestoneId = await matrixMilestone(fixture, 'milestone of the batch');
    return (await issueBatch(fixture.server, await registryOperator(fixture), milestoneId, { quantityKg: 100 })).id;
  });
}

type Owner = 'own' | 'other';

const ownerOf = (caller: Caller): Owner => (caller === 'companyOther' ? 'other' : 'own');

/** A company key of the company that owns the market objects (`own`: the `company` caller's). */
function marketCompanyKey(fixture: MatrixFixture, owner: Owner): Promise<string> {
  return fixture.memo(`${owner} company key`, async () => {
    const companyId = owner === 'own' ? fixture.ownCompanyId : fixture.otherCompanyId;
    return (await createKey(fixture.server, fixture.adminKey, 'company', companyId)).key;
  });
}

function marketFinanceKey(fixture: MatrixFixture): Promise<string> {
  return fixture.memo('market finance key', async () => (await createKey(fixture.server, fixture.adminKey, 'finance')).key);
}

function marketBatch(fixture: MatrixFixture): Promise<string> {
  return fixture.memo('market batch', async () => {
    const milestoneId = await matrixMilestone(fixture, 'milestone of the market batch');
    return (await issueBatch(fixture.server, await registryOperator(fixture), milestoneId, { quantityKg: 1000 })).id;
  });
}

interface MarketPurchase {
  id: string;
  amount: { currency: string; value: number };
}

/** A reserved purchase of `quantityKg` by the owner's company, made once per name and owner. */
function marketPurchase(fixture: MatrixFixture, owner: Owner, name: string, quantityKg = 1): Promise<MarketPurchase> {
  return fixture.memo(`${owner} ${name}`, async () => {
    const response = await request(fixture.server)
      .post('/v1/purchases')
      .set({ Authorization: `Bearer ${await marketCompanyKey(fixture, owner)}` })
      .send({ batchId: await marketBatch(fixture), quantityKg })
      .expect(201);
    // Read-your-writes, so every caller's GET finds it in the read model.
    await request(fixture.server).get(`/v1/purchases/${response.body.id}`).query({ minPosition: response.headers['x-log-position'] }).set({ Authorization: `Bearer ${fixture.adminKey}` }).expect(200);
    return response.body as MarketPurchase;
  });
}

/** Units the owner's company holds (a settled purchase of 20 kg), for transfers and retirements. */
function marketHolding(fixture: MatrixFixture, owner: Owner): Promise<{ batchId: string }> {
  return fixture.memo(`${owner} holding`, async () => {
    const purchase = await marketPurchase(fixture, owner, 'purchase to hold', 20);
    await request(fixture.server)
      .post(`/v1/purchases/${purchase.id}/payments`)
      .set({ Authorization: `Bearer ${await marketFinanceKey(fixture)}` })
      .send({ amount: purchase.amount, receivedAt: '2026-01-05T10:00:00Z', bankRef: `MATRIX-${owner}` })
      .expect(200);
    return { batchId: await marketBatch(fixture) };
  });
}

function retirementBody(batchId: string): Record<string, unknown> {
  return { batchId, quantityKg: 1, claimYear: 2024, beneficiary: { name: 'Matrix Cells' }, purpose: 'Matrix claim' };
}

function marketRetirement(fixture: MatrixFixture, owner: Owner): Promise<string> {
  return fixture.memo(`${owner} retirement`, async () => {
    const { batchId } = await marketHolding(fixture, owner);
    const retired = await request(fixture.server)
      .post('/v1/retirements')
      .set({ Authorization: `Bearer ${await marketCompanyKey(fixture, owner)}` })
      .send(retirementBody(batchId))
      .expect(201);
    // Read-your-writes, so every caller's GET finds it in the read model.
    await request(fixture.server).get(`/v1/retirements/${retired.body.id}`).query({ minPosition: retired.headers['x-log-position'] }).set({ Authorization: `Bearer ${fixture.adminKey}` }).expect(200);
    return retired.body.id as string;
  });
}

/** The own company's footprint for 2024, declared and readable. */
function marketFootprint(fixture: MatrixFixture): Promise<void> {
  return fixture.memo('own footprint', async () => {
    const declared = await request(fixture.server)
      .put(`/v1/companies/${fixture.ownCompanyId}/footprints/2024`)
      .set({ Authorization: `Bearer ${await marketCompanyKey(fixture, 'own')}` })
      .send({ cobaltKg: 1000 })
      .expect(200);
    await request(fixture.server)
      .get(`/v1/companies/${fixture.ownCompanyId}/footprints/2024`)
      .query({ minPosition: declared.headers['x-log-position'] })
      .set({ Authorization: `Bearer ${fixture.adminKey}` })
      .expect(200);
  });
}

/** The owner's retirement once its certificate is rendered (polled with an admin key). */
function renderedCertificate(fixture: MatrixFixture, owner: Owner): Promise<string> {
  return fixture.memo(`${owner} rendered certificate`, async () => {
    const retirementId = await marketRetirement(fixture, owner);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const response = await request(fixture.server).get(`/v1/retirements/${retirementId}/certificate`).set({ Authorization: `Bearer ${fixture.adminKey}` });
      if (response.status === 200) return retirementId;
      if (response.status !== 202 || Date.now() > deadline) throw new Error(`certificate of ${retirementId}: ${response.status}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
}

/** The first unit of the matrix batch. */
function publicSerial(fixture: MatrixFixture): Promise<string> {
  return fixture.memo('public serial', async () => {
    const batch = await request(fixture.server).get(`/v1/batches/${await matrixBatch(fixture)}`).set({ Authorization: `Bearer ${fixture.adminKey}` }).expect(200);
    return `${batch.body.serialPrefix as string}-000001`;
  });
}

function publicCertificateNo(fixture: MatrixFixture): Promise<string> {
  return fixture.memo('public certificate number', async () => {
    const retirementId = await marketRetirement(fixture, 'own');
    const retirement = await request(fixture.server).get(`/v1/retirements/${retirementId}`).set({ Authorization: `Bearer ${fixture.adminKey}` }).expect(200);
    return retirement.body.certificateNo as string;
  });
}

function webhookBody(): Record<string, unknown> {
  return { url: 'http://127.0.0.1:9/matrix-hooks', events: ['purchase.settled'] };
}

/** A webhook of the owner's company (registered with that company's key). */
function matrixWebhook(fixture: MatrixFixture, owner: Owner): Promise<string> {
  return fixture.memo(`${owner} webhook`, async () => {
    const response = await request(fixture.server).post('/v1/webhooks').set({ Authorization: `Bearer ${await marketCompanyKey(fixture, owner)}` }).send(webhookBody()).expect(201);
    return response.body.id as string;
  });
}

/** One line of an imported bank statement (imported once by a finance key of its own). */
function reconciliationLine(fixture: MatrixFixture): Promise<string> {
  return fixture.memo('statement line', async () => {
    const finance = await createKey(fixture.server, fixture.adminKey, 'finance');
    const imported = await request(fixture.server)
      .post('/v1/reconciliation/statements')
      .set({ Authorization: `Bearer ${finance.key}`, 'Content-Type': 'text/csv' })
      .send('date,amount,currency,reference,counterparty\n2026-01-31,-4.20,USD,MATRIX FEE,Bank\n')
      .expect(201);
    return imported.body.lines[0].id as string;
  });
}

/** A grant with one tranche received, made by a finance key of its own. */
function matrixGrant(fixture: MatrixFixture): Promise<string> {
  return fixture.memo('funding grant', async () => {
    const finance = await createKey(fixture.server, fixture.adminKey, 'finance');
    const auth = { Authorization: `Bearer ${finance.key}` };
    const grant = await request(fixture.server)
      .post('/v1/grants')
      .set(auth)
      .send({ funder: 'Matrix Funder', reference: 'MATRIX-GRANT', total: { currency: 'EUR', value: 1_000_000 } })
      .expect(201);
    const grantId = grant.body.id as string;
    await request(fixture.server)
      .post(`/v1/grants/${grantId}/tranches`)
      .set(auth)
      .send({ amount: { currency: 'EUR', value: 500_000 }, receivedAt: '2026-01-15', bankRef: 'MATRIX-TR-1' })
      .expect(201);
    return grantId;
  });
}

async function matrixAllocationBody(fixture: MatrixFixture): Promise<Record<string, unknown>> {
  return {
    siteId: await matrixSite(fixture),
    source: { type: 'grant', grantId: await matrixGrant(fixture) },
    category: 'environment',
    amount: { currency: 'EUR', value: 1_000 },
    project: 'Matrix project',
    committeeRef: 'MATRIX-FAC-1',
    decidedAt: '2026-01-20',
  };
}

/** An allocation (made by an operator key of its own) that the funding read model already shows. */
function matrixAllocation(fixture: MatrixFixture, name: string): Promise<string> {
  return fixture.memo(`funding ${name}`, async () => {
    const operatorKey = await registryOperator(fixture);
    const auth = { Authorization: `Bearer ${operatorKey}` };
    const created = await request(fixture.server).post('/v1/allocations').set(auth).send(await matrixAllocationBody(fixture)).expect(201);
    const allocationId = created.body.id as string;
    // A GET waits at most 2 s for the read model; a busy machine may need a few of them.
    for (let attempt = 1; ; attempt += 1) {
      const read = await request(fixture.server).get(`/v1/allocations/${allocationId}`).query({ minPosition: created.headers['x-log-position'] }).set(auth);
      if (read.status === 200) return allocationId;
      if (attempt >= 10) throw new Error(`Allocation ${allocationId} not readable: ${read.status}`);
    }
  });
}

/** The matrix site, once the funding read model knows it (it has an allocation). */
async function matrixFundedSite(fixture: MatrixFixture): Promise<string> {
  await matrixAllocation(fixture, 'allocation');
  return matrixSite(fixture);
}
