// The global access guard: nothing is born open, every credential failure looks the same,
// public routes ignore credentials, and unknown query fields are refused.
import { Controller, Get, Module } from '@nestjs/common';
import request from 'supertest';
import { formatApiKey } from '../../src/access/api-keys/api-key-token';
import { Public } from '../../src/access/auth/access.decorators';
import { bearer, createKey, revokeKey } from './access-fixtures';
import { AccessTestApp, createAccessTestApp } from './access-test-app';

/** Test-only: a route someone forgot to classify, and one marked public. */
@Controller('test-only/guard')
class GuardProbe {
  @Get('forgotten')
  forgotten(): { leaked: true } {
    return { leaked: true };
  }

  @Get('open')
  @Public()
  open(): { open: true } {
    return { open: true };
  }
}

@Module({ controllers: [GuardProbe] })
class ProbeModule {}

describe('access guard (e2e)', () => {
  let testApp: AccessTestApp;

  beforeAll(async () => {
    testApp = await createAccessTestApp({ tag: 'access_guard', imports: [ProbeModule] });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('undeclaredRoute_WhenNoKey_Then401_WhenEvenAdmin_Then403', async () => {
    await request(testApp.server).get('/test-only/guard/forgotten').expect(401);
    const response = await request(testApp.server).get('/test-only/guard/forgotten').set(bearer(testApp.adminKey)).expect(403);
    expect(response.body.error.code).toBe('ACCESS.FORBIDDEN');
  });

  it('publicRoute_WhenNoKeyOrAnyBadKey_Then200', async () => {
    for (const headers of [{}, { Authorization: 'Bearer nonsense' }, { Authorization: 'Basic abc' }]) {
      await request(testApp.server).get('/test-only/guard/open').set(headers).expect(200, { open: true });
    }
  });

  it('credentials_WhenMissingMalformedUnknownWrongSecretOrRevoked_ThenTheSame401Body', async () => {
    const { id, key } = await createKey(testApp.server, testApp.adminKey, 'operator');
    const [, compactId, secret] = /^crk_([0-9a-f]{32})_(.+)$/.exec(key) ?? [];
    const wrongSecret = `crk_${compactId}_${'A'.repeat(43)}`;
    const unknownId = formatApiKey('0190f1c2-0000-7000-8000-00000000abcd', secret);
    await revokeKey(testApp.server, testApp.adminKey, id);
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer' },
      { Authorization: 'Bearer crk_short' },
      { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      { Authorization: `Bearer ${wrongSecret}` },
      { Authorization: `Bearer ${unknownId}` },
      { Authorization: `Bearer ${key}` },
    ];
    const bodies = new Set<string>();
    for (const headers of attempts) {
      const response = await request(testApp.server).get('/v1/me').set(headers).expect(401);
      bodies.add(JSON.stringify(response.body));
    }
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0])).toEqual({ error: { code: 'ACCESS.UNAUTHENTICATED', message: expect.any(String) } });
  });

  it('me_WhenAnyRole_ThenItsIdentity_WhenMassAssignedQuery_Then400', async () => {
    const finance = await createKey(testApp.server, testApp.adminKey, 'finance');
    await request(testApp.server).get('/v1/me').set(bearer(finance.key)).expect(200, { keyId: finance.id, role: 'finance', companyId: null });
    const response = await request(testApp.server).get('/v1/me').query({ companyId: '0190f1c2-0000-7000-8000-000000000001' }).set(bearer(finance.key)).expect(400);
    expect(response.body.error).toEqual({
      code: 'REQUEST.VALIDATION_FAILED',
      message: expect.any(String),
      details: { fields: { companyId: ['property companyId should not exist'] } },
    });
  });

  it('getCompany_WhenUnknownQueryField_Then400', async () => {
    const response = await request(testApp.server)
      .get('/v1/companies/0190f1c2-0000-7000-8000-000000000001')
      .query({ role: 'admin' })
      .set(bearer(testApp.adminKey))
      .expect(400);
    expect(Object.keys(response.body.error.details.fields)).toEqual(['role']);
  });
});
