// API keys over HTTP (issue 3): creation rules, the key shown once and only hashed at rest,
// revocation, expiry and last use.
import { createHash } from 'crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { FixedClock, systemClock } from '@lib/kernel';
import { appClock, bearer, createKey, registerCompany, revokeKey, streamEvents } from './access-fixtures';
import { AccessTestApp, createAccessTestApp } from './access-test-app';

describe('API keys (e2e)', () => {
  let testApp: AccessTestApp;
  let server: AccessTestApp['server'];
  let admin: string;

  beforeAll(async () => {
    testApp = await createAccessTestApp({ tag: 'access_keys' });
    server = testApp.server;
    admin = testApp.adminKey;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  describe('POST /v1/api-keys', () => {
    it('create_WhenCompanyKey_ThenKeyShownOnceAndWorks', async () => {
      const companyId = await registerCompany(server, admin);
      const response = await request(server).post('/v1/api-keys').set(bearer(admin)).send({ role: 'company', companyId, label: 'erp' }).expect(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        key: expect.stringMatching(/^crk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/),
        role: 'company',
        companyId,
        label: 'erp',
        createdAt: expect.any(String),
        expiresAt: null,
        revokedAt: null,
      });
      expect(response.headers['cache-control']).toBe('no-store');
      const me = await request(server).get('/v1/me').set(bearer(response.body.key)).expect(200);
      expect(me.body).toEqual({ keyId: response.body.id, role: 'company', companyId });
    });

    it('create_WhenOnlyTheHashIsStored_ThenNeitherTableNorEventsHoldTheSecret', async () => {
      const { id, key } = await createKey(server, admin, 'finance');
      const secret = key.split('_').slice(2).join('_');
      const rows: { secret_sha256: Buffer }[] = await testApp.app.get(DataSource).query('SELECT secret_sha256 FROM api_keys WHERE id = $1', [id]);
      expect(rows[0].secret_sha256.equals(createHash('sha256').update(secret).digest())).toBe(true);
      const everything: { dump: string }[] = await testApp.app.get(DataSource).query('SELECT row_to_json(k)::text AS dump FROM api_keys k');
      expect(everything.some((row) => row.dump.includes(secret))).toBe(false);
      const events = await streamEvents(testApp, `api-key-${id}`);
      expect(events.map((event) => event.type)).toEqual(['ApiKeyCreated']);
      const serialised = JSON.stringify(events.map((event) => ({ data: event.data, metadata: event.metadata })));
      const digest = createHash('sha256').update(secret).digest();
      for (const forbidden of [secret, key, digest.toString('hex'), digest.toString('base64')]) expect(serialised).not.toContain(forbidden);
    });

    it('create_WhenCompanyRoleWithoutCompany_Then400_StaffWithCompany_Then400_UnknownCompany_Then422', async () => {
      const companyId = await registerCompany(server, admin);
      const noCompany = await request(server).post('/v1/api-keys').set(bearer(admin)).send({ role: 'company', label: 'x' }).expect(400);
      expect(noCompany.body.error.code).toBe('ACCESS.COMPANY_ID_REQUIRED');
      const staff = await request(server).post('/v1/api-keys').set(bearer(admin)).send({ role: 'operator', companyId, label: 'x' }).expect(400);
      expect(staff.body.error.code).toBe('ACCESS.COMPANY_ID_NOT_ALLOWED');
      const unknown = await request(server)
        .post('/v1/api-keys')
        .set(bearer(admin))
        .send({ role: 'company', companyId: '0190f1c2-0000-7000-8000-00000000abcd', label: 'x' })
        .expect(422);
      expect(unknown.body.error.code).toBe('ACCESS.UNKNOWN_COMPANY');
    });

    it('create_WhenUnknownRole_Then400', async () => {
      await request(server).post('/v1/api-keys').set(bearer(admin)).send({ role: 'superuser', label: 'x' }).expect(400);
    });
  });

  describe('revocation, expiry and last use', () => {
    it('revoke_WhenRevoked_ThenTheKeyGets401_AndRevokingAgainChangesNothing', async () => {
      const { id, key } = await createKey(server, admin, 'auditor');
      await request(server).get('/v1/me').set(bearer(key)).expect(200);
      await revokeKey(server, admin, id);
      const refused = await request(server).get('/v1/me').set(bearer(key)).expect(401);
      expect(refused.body.error).toEqual({ code: 'ACCESS.UNAUTHENTICATED', message: expect.any(String) });
      const again = await request(server).delete(`/v1/api-keys/${id}`).set(bearer(admin)).expect(200);
      expect(again.body.revokedAt).toEqual(expect.any(String));
      const events = await streamEvents(testApp, `api-key-${id}`);
      expect(events.map((event) => event.type)).toEqual(['ApiKeyCreated', 'ApiKeyRevoked']);
    });

    it('revoke_WhenUnknownKey_Then404', async () => {
      const response = await request(server).delete('/v1/api-keys/0190f1c2-0000-7000-8000-00000000abcd').set(bearer(admin)).expect(404);
      expect(response.body.error.code).toBe('ACCESS.API_KEY_NOT_FOUND');
    });

    it('expiry_WhenClockPassesExpiresAt_ThenTheKeyGets401', async () => {
      const clock = new FixedClock('2030-01-01T00:00:00.000Z');
      appClock(testApp).use(clock);
      try {
        const created = await request(server)
          .post('/v1/api-keys')
          .set(bearer(admin))
          .send({ role: 'operator', label: 'temp', expiresAt: '2030-01-01T01:00:00Z' })
          .expect(201);
        expect(created.body.expiresAt).toBe('2030-01-01T01:00:00.000Z');
        await request(server).get('/v1/me').set(bearer(created.body.key)).expect(200);
        clock.set('2030-01-01T01:00:00.000Z');
        await request(server).get('/v1/me').set(bearer(created.body.key)).expect(401);
      } finally {
        appClock(testApp).use(systemClock);
      }
    });

    it('lastUsedAt_WhenUsedAgainWithinAMinute_ThenNotRewritten_AfterAMinute_ThenUpdated', async () => {
      const clock = new FixedClock('2031-05-01T12:00:00.000Z');
      const lastUsedAt = async (id: string): Promise<string | null> => {
        const rows: { last_used_at: Date | null }[] = await testApp.app.get(DataSource).query('SELECT last_used_at FROM api_keys WHERE id = $1', [id]);
        return rows[0].last_used_at?.toISOString() ?? null;
      };
      const { id, key } = await createKey(server, admin, 'finance');
      appClock(testApp).use(clock);
      try {
        expect(await lastUsedAt(id)).toBeNull();
        await request(server).get('/v1/me').set(bearer(key)).expect(200);
        expect(await lastUsedAt(id)).toBe('2031-05-01T12:00:00.000Z');
        clock.set('2031-05-01T12:00:59.000Z');
        await request(server).get('/v1/me').set(bearer(key)).expect(200);
        expect(await lastUsedAt(id)).toBe('2031-05-01T12:00:00.000Z');
        clock.set('2031-05-01T12:01:00.000Z');
        await request(server).get('/v1/me').set(bearer(key)).expect(200);
        expect(await lastUsedAt(id)).toBe('2031-05-01T12:01:00.000Z');
      } finally {
        appClock(testApp).use(systemClock);
      }
    });
  });
});
