// Idempotency (R12, Stripe's semantics) over HTTP against the real database: one set of events and
// identical answers for repeats, 422 for a different request under the same key, 409 while the
// first still runs, replays of refusals, and no stored outcome for failures worth retrying.
import { Controller, HttpCode, Module, Post } from '@nestjs/common';
import request, { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { Roles } from '../../src/access/auth/access.decorators';
import { requestFingerprint } from '../../src/access/idempotency/request-fingerprint';
import { bearer, countEvents, createKey, registerCompany } from './access-fixtures';
import { AccessTestApp, createAccessTestApp } from './access-test-app';
import { parseApiKey } from '../../src/access/api-keys/api-key-token';

/** Test-only: fails with a 500 on its first call, then succeeds. */
@Controller('test-only/flaky')
class FlakyProbe {
  static calls = 0;

  @Post()
  @HttpCode(201)
  @Roles('admin')
  run(): { call: number } {
    FlakyProbe.calls += 1;
    if (FlakyProbe.calls === 1) throw new Error('transient failure');
    return { call: FlakyProbe.calls };
  }
}

@Module({ controllers: [FlakyProbe] })
class ProbeModule {}

describe('idempotency (e2e)', () => {
  let testApp: AccessTestApp;
  let admin: string;

  beforeAll(async () => {
    testApp = await createAccessTestApp({ tag: 'access_idem', imports: [ProbeModule] });
    admin = testApp.adminKey;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const companyEvents = () => countEvents(testApp, 'CompanyRegistered');

  function postCompany(key: string, body: object, token = admin): request.Test {
    return request(testApp.server).post('/v1/companies').set(bearer(token)).set('Idempotency-Key', key).send(body);
  }

  // The replay is the recorded answer byte for byte, with the headers that belong to it.
  const answer = (response: Response) => ({
    status: response.status,
    text: response.text,
    contentType: response.headers['content-type'],
    location: response.headers['location'],
    position: response.headers['x-log-position'],
  });

  it('sameRequest_WhenTenInParallelThenTenInARow_ThenOneEventAndIdenticalResponses', async () => {
    const before = await companyEvents();
    const body = { name: 'Parallel Cells AG', country: 'CH' };
    const parallel = await Promise.all(Array.from({ length: 10 }, () => postCompany('parallel-1', body)));
    const statuses = parallel.map((response) => response.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    const created = parallel.filter((response) => response.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const conflict of parallel.filter((response) => response.status === 409)) {
      expect(conflict.body.error.code).toBe('IDEMPOTENCY.IN_FLIGHT');
    }
    const first = answer(created[0]);
    expect(first.location).toBe(`/v1/companies/${created[0].body.id}`);
    expect(first.contentType).toBe('application/json; charset=utf-8');
    for (const response of created) expect(answer(response)).toEqual(first);

    const sequential: Response[] = [];
    for (let i = 0; i < 10; i += 1) sequential.push(await postCompany('parallel-1', body));
    for (const response of sequential) {
      expect(answer(response)).toEqual(first);
      expect(response.headers['idempotent-replayed']).toBe('true');
    }
    expect(await companyEvents()).toBe(before + 1);
  });

  it('sameKey_WhenDifferentBody_Then422AndNothingNew', async () => {
    await postCompany('reuse-1', { name: 'First Body Ltd', country: 'GB' }).expect(201);
    const before = await companyEvents();
    const response = await postCompany('reuse-1', { name: 'Second Body Ltd', country: 'GB' }).expect(422);
    expect(response.body.error.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await companyEvents()).toBe(before);
  });

  it('sameKey_WhenBodyKeysReordered_ThenStillTheSameRequest', async () => {
    const first = await postCompany('reorder-1', { name: 'Order Ltd', country: 'GB' }).expect(201);
    const again = await request(testApp.server)
      .post('/v1/companies')
      .set(bearer(admin))
      .set('Idempotency-Key', 'reorder-1')
      .set('content-type', 'application/json')
      .send('{ "country": "GB",   "name": "Order Ltd" }')
      .expect(201);
    expect(again.body).toEqual(first.body);
  });

  it('sameKey_WhenUsedByAnotherApiKey_ThenIndependent', async () => {
    const operator = await createKey(testApp.server, admin, 'operator');
    const mine = await postCompany('shared-1', { name: 'Mine Ltd', country: 'GB' }).expect(201);
    const theirs = await postCompany('shared-1', { name: 'Theirs Ltd', country: 'GB' }, operator.key).expect(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('sameKey_WhenFirstStillInFlight_Then409AndNothingStored_AfterLeaseLapses_ThenTakenOver', async () => {
    const body = { name: 'Crashed Run GmbH', country: 'DE' };
    const me = await request(testApp.server).get('/v1/me').set(bearer(admin)).expect(200);
    const dataSource = testApp.app.get(DataSource);
    // What a process that crashed mid-request leaves behind: a claim whose lease is still running.
    await dataSource.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, state, lease_token, locked_until)
       VALUES ($1, 'crashed-1', $2, 'in_flight', gen_random_uuid(), now() + interval '1 hour')`,
      [me.body.keyId, requestFingerprint('POST', '/v1/companies', body)],
    );
    const before = await companyEvents();
    const busy = await postCompany('crashed-1', body).expect(409);
    expect(busy.body.error.code).toBe('IDEMPOTENCY.IN_FLIGHT');
    const [row] = await dataSource.query(`SELECT state, response_status FROM idempotency_keys WHERE key = 'crashed-1'`);
    expect(row).toEqual({ state: 'in_flight', response_status: null });
    expect(await companyEvents()).toBe(before);

    await dataSource.query(`UPDATE idempotency_keys SET locked_until = now() - interval '1 second' WHERE key = 'crashed-1'`);
    const taken = await postCompany('crashed-1', body).expect(201);
    expect(await companyEvents()).toBe(before + 1);
    const replay = await postCompany('crashed-1', body).expect(201);
    expect(replay.body).toEqual(taken.body);
  });

  it('refusal_When4xxFromTheCommand_ThenStoredAndReplayed', async () => {
    const badLei = { name: 'Bad LEI Ltd', country: 'GB', lei: '7LTWFZYICNSX8D621K87' };
    const first = await postCompany('refused-1', badLei).expect(400);
    expect(first.body.error.code).toBe('ACCESS.INVALID_LEI');
    const replay = await postCompany('refused-1', badLei).expect(400);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');

    const unknownCompany = { role: 'company', companyId: '0190f1c2-0000-7000-8000-00000000abcd', label: 'x' };
    const refused = await request(testApp.server).post('/v1/api-keys').set(bearer(admin)).set('Idempotency-Key', 'refused-2').send(unknownCompany).expect(422);
    const again = await request(testApp.server).post('/v1/api-keys').set(bearer(admin)).set('Idempotency-Key', 'refused-2').send(unknownCompany).expect(422);
    expect(again.body).toEqual(refused.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('refusal_WhenDtoValidationFailed_ThenNotStored_SoTheCorrectedRequestRuns', async () => {
    await postCompany('invalid-1', { name: 'Typo Ltd', country: 'gb' }).expect(400);
    const fixed = await postCompany('invalid-1', { name: 'Typo Ltd', country: 'GB' }).expect(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('failure_When5xx_ThenNotStored_SoARetryRunsAgain', async () => {
    const send = () => request(testApp.server).post('/test-only/flaky').set(bearer(admin)).set('Idempotency-Key', 'flaky-1').send({});
    await send().expect(500);
    const retried = await send().expect(201);
    expect(retried.body).toEqual({ call: 2 });
    const replay = await send().expect(201);
    expect(replay.body).toEqual({ call: 2 });
    expect(FlakyProbe.calls).toBe(2);
  });

  it('apiKeyCreation_WhenReplayed_ThenTheSameKeyIdButNoSecret', async () => {
    const send = () => request(testApp.server).post('/v1/api-keys').set(bearer(admin)).set('Idempotency-Key', 'key-1').send({ role: 'auditor', label: 'audit' });
    const first = await send().expect(201);
    expect(first.body.key).toMatch(/^crk_/);
    const replay = await send().expect(201);
    expect(replay.body).toEqual({ ...first.body, key: null });
    const [row] = await testApp.app.get(DataSource).query(`SELECT response_body FROM idempotency_keys WHERE key = 'key-1'`);
    // The product's parser: a base64url secret may itself contain (or start with) "_".
    const secret = parseApiKey(first.body.key)?.secret;
    expect(secret).toEqual(expect.any(String));
    expect(row.response_body).not.toContain(secret);
  });

  it('revocation_WhenReplayed_ThenSameAnswer', async () => {
    const target = await createKey(testApp.server, admin, 'finance');
    const send = () => request(testApp.server).delete(`/v1/api-keys/${target.id}`).set(bearer(admin)).set('Idempotency-Key', 'revoke-1');
    const first = await send().expect(200);
    const replay = await send().expect(200);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('key_WhenLongerThan255OrNotPrintable_Then400', async () => {
    const companyId = await registerCompany(testApp.server, admin);
    expect(companyId).toBeDefined();
    for (const key of ['k'.repeat(256), 'tab\tkey']) {
      const response = await postCompany(key, { name: 'Long Key Ltd', country: 'GB' }).expect(400);
      expect(response.body.error.code).toBe('IDEMPOTENCY.INVALID_KEY');
    }
    await postCompany('k'.repeat(255), { name: 'Long Key Ltd', country: 'GB' }).expect(201);
  });
});
