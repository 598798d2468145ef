// Sites and milestones over HTTP (issue 4): registration answered from the new state, code
// uniqueness under parallel registration, four eyes (R4) on verification, rejection, the read
// models with ?minPosition=, and bad input of every kind refused with a code and no event.
import { EventStore } from '@lib/event-store';
import { newId } from '@lib/kernel';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EVENT_STORE } from '../../src/ops/platform/platform.tokens';
import { bearer, createKey, streamEvents } from '../access/access-fixtures';
import { AccessTestApp, createAccessTestApp } from '../access/access-test-app';
import { createOperators, EVIDENCE_SHA256, milestoneBody, Operators, registerSite, siteBody, verifiedMilestone } from './issuance.fixtures';

describe('sites and milestones (e2e)', () => {
  let testApp: AccessTestApp;
  let server: AccessTestApp['server'];
  let operators: Operators;

  beforeAll(async () => {
    testApp = await createAccessTestApp({ tag: 'reg_sites' });
    server = testApp.server;
    operators = await createOperators(server, testApp.adminKey);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const totalEvents = async (): Promise<number> => {
    const [row]: { count: number }[] = await testApp.app.get(DataSource).query('SELECT count(*)::int AS count FROM events');
    return row.count;
  };

  describe('sites', () => {
    it('register_WhenValid_Then201FromNewState_ThenReadableWithMinPosition', async () => {
      const created = await request(server)
        .post('/v1/sites')
        .set(bearer(operators.proposer))
        .send(siteBody({ code: 'KAM', name: ' Kamilombe ', feeBps: 250 }))
        .expect(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        code: 'KAM', name: 'Kamilombe', cooperative: 'CMDS', province: 'Lualaba', country: 'CD', feeBps: 250, registeredAt: expect.any(String),
      });
      expect(created.headers.location).toBe(`/v1/sites/${created.body.id}`);
      const fetched = await request(server).get(`/v1/sites/${created.body.id}`).query({ minPosition: created.headers['x-log-position'] }).set(bearer(operators.verifier)).expect(200);
      expect(fetched.body).toEqual(created.body);
      const claims = await streamEvents(testApp, 'site-code-KAM');
      expect(claims.map((e) => [e.type, e.data])).toEqual([['SiteCodeClaimed', { siteId: created.body.id }]]);
    });

    it('register_WhenFeeOmitted_ThenZero', async () => {
      const created = await request(server).post('/v1/sites').set(bearer(operators.proposer)).send(siteBody({ code: 'NOFEE' })).expect(201);
      expect(created.body.feeBps).toBe(0);
    });

    it('register_WhenTenRegistrationsOfOneCodeRace_ThenExactlyOneSucceeds_OthersSiteCodeTaken', async () => {
      const attempts = Array.from({ length: 10 }, (_, i) =>
        request(server).post('/v1/sites').set(bearer(i % 2 === 0 ? operators.proposer : operators.verifier)).send(siteBody({ code: 'RACE', name: `Racer ${i}` })),
      );
      const responses = await Promise.all(attempts);
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([201, ...Array(9).fill(409)]);
      for (const refused of responses.filter((r) => r.status === 409)) expect(refused.body.error.code).toBe('REGISTRY.SITE_CODE_TAKEN');
      const winner = responses.find((r) => r.status === 201)!.body as { id: string; name: string };
      expect(await streamEvents(testApp, 'site-code-RACE')).toHaveLength(1);
      const registered = await streamEvents(testApp, `site-${winner.id}`);
      expect(registered.map((e) => e.type)).toEqual(['SiteRegistered']);
      expect(registered[0].data).toMatchObject({ code: 'RACE', name: winner.name });
      const [{ count }]: { count: number }[] = await testApp.app.get(DataSource).query(`SELECT count(*)::int AS count FROM events WHERE type = 'SiteRegistered' AND data->>'code' = 'RACE'`);
      expect(count).toBe(1);
    });

    it('register_WhenCodeTakenLater_Then409AndNoEvent', async () => {
      await registerSite(server, operators.proposer, { code: 'TAKEN' });
      const before = await totalEvents();
      const response = await request(server).post('/v1/sites').set(bearer(operators.verifier)).send(siteBody({ code: 'TAKEN' })).expect(409);
      expect(response.body.error.code).toBe('REGISTRY.SITE_CODE_TAKEN');
      expect(await totalEvents()).toBe(before);
    });

    it('register_WhenAnEarlierRegistrationDiedAfterClaimingTheCode_ThenTheNextOneCompletesUnderThatClaim', async () => {
      const orphanId = newId();
      const store = testApp.app.get<EventStore>(EVENT_STORE);
      const metadata = { actorKeyId: null, actorRole: null, companyId: null, correlationId: newId(), causationId: null, occurredAt: new Date().toISOString() };
      await store.append('site-code-ORPHAN', [{ type: 'SiteCodeClaimed', data: { siteId: orphanId }, metadata }], 'no_stream');
      const created = await request(server).post('/v1/sites').set(bearer(operators.proposer)).send(siteBody({ code: 'ORPHAN' })).expect(201);
      expect(created.body.id).toBe(orphanId);
      expect(await streamEvents(testApp, 'site-code-ORPHAN')).toHaveLength(1);
      await request(server).post('/v1/sites').set(bearer(operators.proposer)).send(siteBody({ code: 'ORPHAN' })).expect(409);
    });

    it('list_WhenPaginated_ThenOrderedByCodeAcrossPages', async () => {
      for (const code of ['LA', 'LB', 'LC']) await registerSite(server, operators.proposer, { code });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await request(server).get('/v1/sites').query({ limit: 2, ...(cursor ? { cursor } : {}) }).set(bearer(testApp.adminKey)).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((s: { code: string }) => s.code));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(seen).toEqual([...seen].sort());
      expect(seen).toEqual(expect.arrayContaining(['KAM', 'LA', 'LB', 'LC', 'RACE']));
    });

    it('get_WhenCompanyKey_ThenSitesAreVisible', async () => {
      const siteId = await registerSite(server, operators.proposer, { code: 'VISIB' });
      const companyId = (await request(server).post('/v1/companies').set(bearer(testApp.adminKey)).send({ name: 'Volta Cells GmbH', country: 'DE' }).expect(201)).body.id;
      const company = await createKey(server, testApp.adminKey, 'company', companyId);
      await request(server).get(`/v1/sites/${siteId}`).set(bearer(company.key)).expect(200);
      await request(server).get('/v1/sites').set(bearer(company.key)).expect(200);
    });
  });

  describe('milestones (R4)', () => {
    let siteId: string;
    beforeAll(async () => {
      siteId = await registerSite(server, operators.proposer, { code: 'MILE' });
    });

    it('propose_ThenVerifyByTheProposer422_ByAnotherOperator200_ThenReadModelShowsIt', async () => {
      const proposed = await request(server).post(`/v1/sites/${siteId}/milestones`).set(bearer(operators.proposer)).send(milestoneBody()).expect(201);
      expect(proposed.body).toMatchObject({
        siteId, status: 'proposed', quantityKg: 2500, periodStart: '2023-01-01', periodEnd: '2023-12-31', verifiedByKeyId: null, rejection: null, issuedKg: 0, remainingKg: 0,
        evidence: [{ uri: 'https://evidence.example.org/kam-2023.pdf', sha256: EVIDENCE_SHA256 }],
      });
      const selfVerified = await request(server).post(`/v1/milestones/${proposed.body.id}/verify`).set(bearer(operators.proposer)).expect(422);
      expect(selfVerified.body.error.code).toBe('REGISTRY.SELF_VERIFICATION');
      const verified = await request(server).post(`/v1/milestones/${proposed.body.id}/verify`).set(bearer(operators.verifier)).expect(200);
      expect(verified.body).toMatchObject({ status: 'verified', remainingKg: 2500, verifiedByKeyId: expect.any(String) });
      expect(verified.body.verifiedByKeyId).not.toBe(verified.body.proposedByKeyId);
      const fetched = await request(server).get(`/v1/milestones/${proposed.body.id}`).query({ minPosition: verified.headers['x-log-position'] }).set(bearer(testApp.adminKey)).expect(200);
      expect(fetched.body).toEqual(verified.body);
      const events = await streamEvents(testApp, `milestone-${proposed.body.id}`);
      expect(events.map((e) => e.type)).toEqual(['MilestoneProposed', 'MilestoneVerified']);
      expect(events[1].metadata.actorKeyId).toBe(verified.body.verifiedByKeyId);
    });

    it('verify_WhenRepeatedBySameKey_Then200NoNewEvent_ByAThirdOperator_Then409', async () => {
      const milestoneId = await verifiedMilestone(server, operators, siteId);
      const third = await createKey(server, testApp.adminKey, 'operator');
      const before = await totalEvents();
      const again = await request(server).post(`/v1/milestones/${milestoneId}/verify`).set(bearer(operators.verifier)).expect(200);
      expect(again.headers['x-log-position']).toMatch(/^\d+-\d+$/);
      const response = await request(server).post(`/v1/milestones/${milestoneId}/verify`).set(bearer(third.key)).expect(409);
      expect(response.body.error.code).toBe('REGISTRY.MILESTONE_ALREADY_VERIFIED');
      expect(await totalEvents()).toBe(before);
    });

    it('reject_ThenVerify409_AndTheListShowsItByStatus', async () => {
      const proposed = await request(server).post(`/v1/sites/${siteId}/milestones`).set(bearer(operators.proposer)).send(milestoneBody({ title: 'To reject' })).expect(201);
      const rejected = await request(server).post(`/v1/milestones/${proposed.body.id}/reject`).set(bearer(operators.verifier)).send({ reason: 'Evidence unreadable' }).expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', rejection: { reason: 'Evidence unreadable', rejectedByKeyId: expect.any(String) } });
      const verify = await request(server).post(`/v1/milestones/${proposed.body.id}/verify`).set(bearer(operators.verifier)).expect(409);
      expect(verify.body.error.code).toBe('REGISTRY.MILESTONE_REJECTED');
      const list = await request(server)
        .get(`/v1/sites/${siteId}/milestones`)
        .query({ status: 'rejected', minPosition: rejected.headers['x-log-position'] })
        .set(bearer(testApp.adminKey))
        .expect(200);
      expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([proposed.body.id]);
    });

    it('listMilestones_WhenPaginated_ThenEveryMilestoneOnceInProposalOrder', async () => {
      const site = await registerSite(server, operators.proposer, { code: 'PAGED' });
      const ids: string[] = [];
      let position = '';
      for (let i = 0; i < 3; i += 1) {
        const proposed = await request(server).post(`/v1/sites/${site}/milestones`).set(bearer(operators.proposer)).send(milestoneBody()).expect(201);
        ids.push(proposed.body.id);
        position = proposed.headers['x-log-position'];
      }
      const first = await request(server).get(`/v1/sites/${site}/milestones`).query({ limit: 2, minPosition: position }).set(bearer(testApp.adminKey)).expect(200);
      const second = await request(server).get(`/v1/sites/${site}/milestones`).query({ limit: 2, cursor: first.body.nextCursor }).set(bearer(testApp.adminKey)).expect(200);
      expect([...first.body.items, ...second.body.items].map((m: { id: string }) => m.id)).toEqual(ids);
      expect(second.body.nextCursor).toBeNull();
    });

    it('propose_WhenSiteUnknown_Then404AndNoEvent', async () => {
      const before = await totalEvents();
      const response = await request(server).post(`/v1/sites/${newId()}/milestones`).set(bearer(operators.proposer)).send(milestoneBody()).expect(404);
      expect(response.body.error.code).toBe('REGISTRY.SITE_NOT_FOUND');
      expect(await totalEvents()).toBe(before);
    });
  });

  describe('bad input', () => {
    it('registerSite_WhenBadInputOfEveryKind_Then4xxWithCodeAndNoEvent', async () => {
      const cases: [Record<string, unknown>, number, string][] = [
        [siteBody({ code: 'kam' }), 400, 'REGISTRY.INVALID_SITE_CODE'],
        [siteBody({ code: 'K-M' }), 400, 'REGISTRY.INVALID_SITE_CODE'],
        [siteBody({ code: 'ABCDEFGHIJ' }), 400, 'REQUEST.VALIDATION_FAILED'],
        [siteBody({ code: 'BADC', country: 'XX' }), 400, 'REGISTRY.INVALID_COUNTRY'],
        [siteBody({ code: 'BADC', country: 'cd' }), 400, 'REGISTRY.INVALID_COUNTRY'],
        [siteBody({ code: 'BADC', name: '   ' }), 400, 'REGISTRY.INVALID_TEXT'],
        [siteBody({ code: 'BADC', name: 'a\u0007b' }), 400, 'REGISTRY.INVALID_TEXT'],
        [siteBody({ code: 'BADC', feeBps: 10001 }), 400, 'REQUEST.VALIDATION_FAILED'],
        [siteBody({ code: 'BADC', feeBps: 2.5 }), 400, 'REQUEST.VALIDATION_FAILED'],
        [siteBody({ code: 'BADC', feeBps: '10' as unknown as number }), 400, 'REQUEST.VALIDATION_FAILED'],
        [{ ...siteBody({ code: 'BADC' }), id: newId() }, 400, 'REQUEST.VALIDATION_FAILED'],
        [{ code: 'BADC' }, 400, 'REQUEST.VALIDATION_FAILED'],
      ];
      const before = await totalEvents();
      for (const [body, status, code] of cases) {
        const response = await request(server).post('/v1/sites').set(bearer(operators.proposer)).send(body);
        expect({ body, status: response.status, code: response.body.error?.code }).toEqual({ body, status, code });
      }
      const malformed = await request(server).post('/v1/sites').set(bearer(operators.proposer)).set('Content-Type', 'application/json').send('{"code":');
      expect([malformed.status, malformed.body.error.code]).toEqual([400, 'REQUEST.MALFORMED_JSON']);
      expect(await totalEvents()).toBe(before);
    });

    it('milestoneCommands_WhenBadInputOfEveryKind_Then4xxWithCodeAndNoEvent', async () => {
      const siteId = await registerSite(server, operators.proposer, { code: 'BADIN' });
      const milestoneId = await verifiedMilestone(server, operators, siteId);
      const today = new Date().toISOString().slice(0, 10);
      const proposals: [Record<string, unknown>, number, string][] = [
        [milestoneBody({ evidence: [{ uri: 'https://e.example/a.pdf', sha256: 'abc' }] }), 400, 'REGISTRY.INVALID_EVIDENCE'],
        [milestoneBody({ evidence: [{ uri: 'https://e.example/a.pdf', sha256: 'z'.repeat(64) }] }), 400, 'REGISTRY.INVALID_EVIDENCE'],
        [milestoneBody({ evidence: [{ uri: 'not a uri', sha256: EVIDENCE_SHA256 }] }), 400, 'REGISTRY.INVALID_EVIDENCE'],
        [milestoneBody({ evidence: [{ uri: 'https://u:p@e.example/a.pdf', sha256: EVIDENCE_SHA256 }] }), 400, 'REGISTRY.INVALID_EVIDENCE'],
        [milestoneBody({ evidence: [] }), 400, 'REQUEST.VALIDATION_FAILED'],
        [milestoneBody({ periodStart: '2023-02-30' }), 400, 'REGISTRY.INVALID_PERIOD'],
        [milestoneBody({ periodStart: '2023-12-31', periodEnd: '2023-01-01' }), 400, 'REGISTRY.INVALID_PERIOD'],
        [milestoneBody({ periodStart: today, periodEnd: '9999-12-31' }), 400, 'REGISTRY.INVALID_PERIOD'],
        [milestoneBody({ quantityKg: 0 }), 400, 'REQUEST.VALIDATION_FAILED'],
        [milestoneBody({ quantityKg: 1.5 }), 400, 'REQUEST.VALIDATION_FAILED'],
        [milestoneBody({ title: ' ' }), 400, 'REGISTRY.INVALID_TEXT'],
        [{ ...milestoneBody(), status: 'verified' }, 400, 'REQUEST.VALIDATION_FAILED'],
      ];
      const before = await totalEvents();
      for (const [body, status, code] of proposals) {
        const response = await request(server).post(`/v1/sites/${siteId}/milestones`).set(bearer(operators.proposer)).send(body);
        expect({ body, status: response.status, code: response.body.error?.code }).toEqual({ body, status, code });
      }
      const others: [request.Test, number, string][] = [
        [request(server).post(`/v1/sites/not-a-uuid/milestones`).set(bearer(operators.proposer)).send(milestoneBody()), 400, 'REQUEST.INVALID_ID'],
        [request(server).post(`/v1/milestones/${milestoneId}/verify`).set(bearer(operators.verifier)).send({ verifiedBy: 'someone' }), 400, 'REQUEST.VALIDATION_FAILED'],
        [request(server).post(`/v1/milestones/${newId()}/verify`).set(bearer(operators.verifier)), 404, 'REGISTRY.MILESTONE_NOT_FOUND'],
        [request(server).post(`/v1/milestones/${milestoneId}/reject`).set(bearer(operators.verifier)).send({}), 400, 'REQUEST.VALIDATION_FAILED'],
        [request(server).post(`/v1/milestones/${milestoneId}/reject`).set(bearer(operators.verifier)).send({ reason: '\n' }), 400, 'REGISTRY.INVALID_TEXT'],
        [request(server).post(`/v1/milestones/${milestoneId}/reject`).set(bearer(operators.verifier)).send({ reason: 'Too late' }), 409, 'REGISTRY.MILESTONE_ALREADY_VERIFIED'],
        [request(server).get(`/v1/sites/${siteId}/milestones`).query({ status: 'pending' }).set(bearer(testApp.adminKey)), 400, 'REQUEST.VALIDATION_FAILED'],
        [request(server).get(`/v1/sites/${siteId}/milestones`).query({ cursor: 'bm90LWEtY3Vyc29y' }).set(bearer(testApp.adminKey)), 400, 'REQUEST.INVALID_CURSOR'],
        [request(server).get(`/v1/sites/${newId()}/milestones`).set(bearer(testApp.adminKey)), 404, 'REGISTRY.SITE_NOT_FOUND'],
        [request(server).get('/v1/sites').query({ limit: 201 }).set(bearer(testApp.adminKey)), 400, 'REQUEST.VALIDATION_FAILED'],
      ];
      for (const [call, status, code] of others) {
        const response = await call;
        expect([response.status, response.body.error?.code]).toEqual([status, code]);
      }
      expect(await totalEvents()).toBe(before);
    });
  });
});
