// Per-key rate limits (OWASP API4): a key over its budget gets 429 ACCESS.RATE_LIMITED with
// Retry-After, other keys are unaffected, and callers without a valid key share a per-IP budget.
import request from 'supertest';
import { bearer, issueKey } from './access-fixtures';
import { AccessTestApp, createAccessTestApp } from './access-test-app';

const KEY_LIMIT = 3;
const IP_LIMIT = 2;

describe('rate limits (e2e)', () => {
  let testApp: AccessTestApp;

  beforeAll(async () => {
    testApp = await createAccessTestApp({
      tag: 'access_rate',
      env: { RATE_LIMIT_PER_KEY_PER_MINUTE: String(KEY_LIMIT), RATE_LIMIT_PER_IP_PER_MINUTE: String(IP_LIMIT) },
    });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('key_WhenOverItsBudget_Then429WithRetryAfter_OtherKeysUnaffected', async () => {
    // Keys are issued directly so that making them spends no request budget.
    const first = await issueKey(testApp, 'auditor');
    const second = await issueKey(testApp, 'auditor');
    for (let i = 0; i < KEY_LIMIT; i += 1) await request(testApp.server).get('/v1/me').set(bearer(first.key)).expect(200);
    const limited = await request(testApp.server).get('/v1/me').set(bearer(first.key)).expect(429);
    expect(limited.body.error.code).toBe('ACCESS.RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await request(testApp.server).get('/v1/me').set(bearer(second.key)).expect(200);
  });

  it('budget_WhenSpentOnOneRoute_ThenAlsoSpentForOtherRoutes', async () => {
    const { key } = await issueKey(testApp, 'operator');
    for (let i = 0; i < KEY_LIMIT; i += 1) await request(testApp.server).get('/v1/me').set(bearer(key)).expect(200);
    await request(testApp.server).post('/v1/companies').set(bearer(key)).send({ name: 'Late Ltd', country: 'GB' }).expect(429);
  });

  it('anonymous_WhenOverThePerIpBudget_Then429_EvenBeforeTheMissingKeyIsReported', async () => {
    for (let i = 0; i < IP_LIMIT; i += 1) await request(testApp.server).get('/v1/me').set('Authorization', 'Bearer crk_guess').expect(401);
    const limited = await request(testApp.server).get('/v1/me').expect(429);
    expect(limited.body.error.code).toBe('ACCESS.RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('liveness_WhenAnonymousBudgetIsSpent_ThenStillAnswers', async () => {
    await request(testApp.server).get('/health').expect(200);
  });
});
