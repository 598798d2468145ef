// Shared steps of the public, certificate and demo e2e suites: the registry set up through its own
// API (keys, a site, a verified milestone, batches) and the market moves that put units in every
// state (reserved, held, retired), each waited for with ?minPosition= where a read follows.
import { createHash } from 'crypto';
import request from 'supertest';
import { bearer, createKey, registerCompany } from '../access/access-fixtures';
import type { AccessTestApp } from '../access/access-test-app';

export interface RegistryCast {
  admin: string;
  proposer: string;
  verifier: string;
  finance: string;
  auditor: string;
}

export interface CompanyCast {
  id: string;
  name: string;
  key: string;
}

export interface IssuedBatch {
  id: string;
  serialPrefix: string;
  issuedKg: number;
}

export async function registryCast(testApp: AccessTestApp): Promise<RegistryCast> {
  const { server, adminKey } = testApp;
  const [proposer, verifier, finance, auditor] = await Promise.all(
    (['operator', 'operator', 'finance', 'auditor'] as const).map(async (role) => (await createKey(server, adminKey, role)).key),
  );
  return { admin: adminKey, proposer, verifier, finance, auditor };
}

export async function company(testApp: AccessTestApp, name: string): Promise<CompanyCast> {
  const id = await registerCompany(testApp.server, testApp.adminKey, name);
  return { id, name, key: (await createKey(testApp.server, testApp.adminKey, 'company', id)).key };
}

/** Registers a site and one verified milestone of `quantityKg` for `year`; returns the milestone id. */
export async function verifiedMilestone(testApp: AccessTestApp, cast: RegistryCast, siteCode: string, year: number, quantityKg: number): Promise<string> {
  const site = await request(testApp.server)
    .post('/v1/sites')
    .set(bearer(cast.proposer))
    .send({ code: siteCode, name: siteCode === 'KAM' ? 'Kamilombe' : `Site ${siteCode}`, cooperative: 'CMDS', province: 'Lualaba', country: 'CD' })
    .expect(201);
  const milestone = await request(testApp.server)
    .post(`/v1/sites/${site.body.id}/milestones`)
    .set(bearer(cast.proposer))
    .send({
      title: `Responsible production ${year}`,
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      quantityKg,
      evidence: [{ uri: `https://evidence.example.org/${siteCode}-${year}.pdf`, sha256: createHash('sha256').update(`${siteCode}${year}`).digest('hex') }],
    })
    .expect(201);
  await request(testApp.server).post(`/v1/milestones/${milestone.body.id}/verify`).set(bearer(cast.verifier)).expect(200);
  return milestone.body.id as string;
}

export async function issue(testApp: AccessTestApp, cast: RegistryCast, milestoneId: string, quantityKg: number, vintage: number): Promise<IssuedBatch> {
  const response = await request(testApp.server)
    .post(`/v1/milestones/${milestoneId}/issuances`)
    .set(bearer(cast.proposer))
    .send({ quantityKg, vintage, price: { currency: 'USD', value: 480_000 } })
    .expect(201);
  return { id: response.body.id, serialPrefix: response.body.serialPrefix, issuedKg: response.body.issuedKg };
}

/** Reserves `quantityKg`; returns the purchase id and invoiced amount. */
export async function reserve(testApp: AccessTestApp, buyer: CompanyCast, batchId: string, quantityKg: number): Promise<{ id: string; amount: unknown }> {
  const response = await request(testApp.server).post('/v1/purchases').set(bearer(buyer.key)).send({ batchId, quantityKg }).expect(201);
  return { id: response.body.id, amount: response.body.amount };
}

export async function buy(testApp: AccessTestApp, cast: RegistryCast, buyer: CompanyCast, batchId: string, quantityKg: number): Promise<void> {
  const purchase = await reserve(testApp, buyer, batchId, quantityKg);
  await request(testApp.server)
    .post(`/v1/purchases/${purchase.id}/payments`)
    .set(bearer(cast.finance))
    .send({ amount: purchase.amount, receivedAt: new Date().toISOString(), bankRef: `BANK-${purchase.id.slice(-12)}` })
    .expect(200);
}

export interface Retirement {
  id: string;
  certificateNo: string;
  /** X-Log-Position of the retirement: `?minPosition=` for reads that must include it. */
  position: string;
}

export async function retire(testApp: AccessTestApp, owner: CompanyCast, batchId: string, quantityKg: number, claimYear: number, beneficiary: { name: string; lei?: string } = { name: owner.name }): Promise<Retirement> {
  const response = await request(testApp.server)
    .post('/v1/retirements')
    .set(bearer(owner.key))
    .send({ batchId, quantityKg, claimYear, beneficiary, purpose: `Cobalt footprint ${claimYear}` })
    .expect(201);
  return { id: response.body.id, certificateNo: response.body.certificateNo, position: response.headers['x-log-position'] };
}

/** Waits until the retirements read model holds `retirement` (a company key's own GET with ?minPosition=). */
export async function retirementProjected(testApp: AccessTestApp, owner: CompanyCast, retirement: Retirement): Promise<void> {
  await request(testApp.server).get(`/v1/retirements/${retirement.id}`).query({ minPosition: retirement.position }).set(bearer(owner.key)).expect(200);
}
