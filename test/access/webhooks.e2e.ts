// Webhook endpoints over HTTP (issue 4, part C): registration with a secret shown once and sealed
// at rest, http(s)-only URLs, company scoping (R11), listing and deletion, and nothing recorded
// for a refused request.
import request from 'supertest';
import { DataSource } from 'typeorm';
import { bearer, countEvents, createKey, registerCompany, streamEvents } from './access-fixtures';
import { AccessTestApp, createAccessTestApp } from './access-test-app';

const SECRET_KEY = 'test-webhook-secret-key-0123456789abcdef';

describe('webhooks (e2e)', () => {
  let testApp: AccessTestApp;
  let server: AccessTestApp['server'];
  let ours: string;
  let theirs: string;

  beforeAll(async () => {
    testApp = await createAccessTestApp({ tag: 'webhooks', env: { WEBHOOK_SECRET_KEY: SECRET_KEY } });
    server = testApp.server;
    const [ourCompany, theirCompany] = [await registerCompany(server, testApp.adminKey, 'Ours GmbH'), await registerCompany(server, testApp.adminKey, 'Theirs SA')];
    ours = (await createKey(server, testApp.adminKey, 'company', ourCompany)).key;
    theirs = (await createKey(server, testApp.adminKey, 'company', theirCompany)).key;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const register = (key: string, body: object) => request(server).post('/v1/webhooks').set(bearer(key)).send(body);

  it('register_WhenValid_Then201WithSecretOnce_AndEventWithoutSecret_AndSecretSealedAtRest', async () => {
    const response = await register(ours, { url: 'http://127.0.0.1:9/hooks', events: ['retirement.completed', 'purchase.settled'] }).expect(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: 'http://127.0.0.1:9/hooks',
      events: ['purchase.settled', 'retirement.completed'],
      createdAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
    });
    expect(response.headers['x-log-position']).toMatch(/^\d+-\d+$/);
    const { id, secret } = response.body as { id: string; secret: string };
    const [registered] = await streamEvents(testApp, `webhook-${id}`);
    expect(registered.type).toBe('WebhookRegistered');
    expect(JSON.stringify({ data: registered.data, metadata: registered.metadata })).not.toContain(secret.slice('whsec_'.length));
    const [row]: { secret_sealed: string }[] = await testApp.app.get(DataSource).query('SELECT secret_sealed FROM webhooks WHERE id = $1', [id]);
    expect(row.secret_sealed.startsWith('enc:v1:')).toBe(true);
    expect(row.secret_sealed).not.toContain(secret.slice('whsec_'.length));
  });

  it('register_WhenReplayedWithSameIdempotencyKey_ThenSameAnswerWithoutTheSecret', async () => {
    const body = { url: 'https://127.0.0.1:8443/replay', events: ['purchase.reserved'] };
    const first = await register(ours, body).set('Idempotency-Key', 'webhook-replay-1').expect(201);
    const replay = await register(ours, body).set('Idempotency-Key', 'webhook-replay-1').expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual({ ...first.body, secret: null });
  });

  it('register_WhenNotHttpOrWithCredentials_Then400AndNothingRecorded', async () => {
    const before = await countEvents(testApp, 'WebhookRegistered');
    for (const url of ['ftp://127.0.0.1/hooks', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'https://user:secret@127.0.0.1/hooks']) {
      const response = await register(ours, { url, events: ['purchase.settled'] }).expect(400);
      expect(response.body.error.code).toBe('WEBHOOKS.INVALID_URL');
    }
    const unknown = await register(ours, { url: 'https://127.0.0.1/hooks', events: ['purchase.created'] }).expect(400);
    expect(unknown.body.error.code).toBe('WEBHOOKS.INVALID_EVENTS');
    const massAssigned = await register(ours, { url: 'https://127.0.0.1/hooks', events: ['purchase.settled'], companyId: '0190f1c2-0000-7000-8000-000000000001' }).expect(400);
    expect(massAssigned.body.error.code).toBe('REQUEST.VALIDATION_FAILED');
    const unresolvable = await register(ours, { url: 'https://no-such-host.invalid/hooks', events: ['purchase.settled'] }).expect(400);
    expect(unresolvable.body.error.code).toBe('WEBHOOKS.TARGET_NOT_ALLOWED');
    expect(await countEvents(testApp, 'WebhookRegistered')).toBe(before);
  });

  it('listAndDelete_WhenAnotherCompanysWebhook_ThenInvisibleAnd404LikeAnUnknownOne', async () => {
    const mine = (await register(ours, { url: 'http://127.0.0.1:9/mine', events: ['purchase.expired'] }).expect(201)).body as { id: string };
    const list = await request(server).get('/v1/webhooks').set(bearer(theirs)).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(mine.id);
    const foreign = await request(server).delete(`/v1/webhooks/${mine.id}`).set(bearer(theirs)).expect(404);
    const unknown = await request(server).delete('/v1/webhooks/0190f1c2-0000-7000-8000-00000000abcd').set(bearer(theirs)).expect(404);
    expect(foreign.body).toEqual(unknown.body);
    expect(foreign.body.error.code).toBe('WEBHOOKS.NOT_FOUND');
    const ownList = await request(server).get('/v1/webhooks').set(bearer(ours)).expect(200);
    expect(ownList.body.items.map((item: { id: string }) => item.id)).toContain(mine.id);
    expect(JSON.stringify(ownList.body)).not.toContain('whsec_');
  });

  it('delete_WhenOwn_Then200AndGoneFromTheList_AgainThen200WithoutNewEvent', async () => {
    const created = (await register(theirs, { url: 'http://127.0.0.1:9/gone', events: ['transfer.received'] }).expect(201)).body as { id: string };
    const deleted = await request(server).delete(`/v1/webhooks/${created.id}`).set(bearer(theirs)).expect(200);
    expect(deleted.body).toMatchObject({ id: created.id, url: 'http://127.0.0.1:9/gone' });
    expect(deleted.headers['x-log-position']).toMatch(/^\d+-\d+$/);
    const again = await request(server).delete(`/v1/webhooks/${created.id}`).set(bearer(theirs)).expect(200);
    expect(again.headers['x-log-position']).toBeUndefined();
    expect((await streamEvents(testApp, `webhook-${created.id}`)).map((event) => event.type)).toEqual(['WebhookRegistered', 'WebhookDeleted']);
    const list = await request(server).get('/v1/webhooks').set(bearer(theirs)).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(created.id);
  });

  it('list_WhenMoreThanOnePage_ThenCursorWalksEveryWebhookOnce', async () => {
    const company = await registerCompany(server, testApp.adminKey, 'Pager Ltd');
    const key = (await createKey(server, testApp.adminKey, 'company', company)).key;
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      ids.push((await register(key, { url: `http://127.0.0.1:9/p${index}`, events: ['purchase.settled'] }).expect(201)).body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await request(server).get('/v1/webhooks').query(cursor === null ? { limit: '2' } : { limit: '2', cursor }).set(bearer(key)).expect(200);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(ids);
    await request(server).get('/v1/webhooks').query({ cursor: 'bm90LWEtY3Vyc29y' }).set(bearer(key)).expect(400);
  });

  it('register_WhenCompanyHasTheMaximum_Then422', async () => {
    const company = await registerCompany(server, testApp.adminKey, 'Many Hooks Ltd');
    const key = (await createKey(server, testApp.adminKey, 'company', company)).key;
    // Registered in parallel: the limit holds under concurrency too.
    const responses = await Promise.all(Array.from({ length: 22 }, (_, index) => register(key, { url: `http://127.0.0.1:9/m${index}`, events: ['purchase.settled'] })));
    expect(responses.filter((response) => response.status === 201)).toHaveLength(20);
    for (const refused of responses.filter((response) => response.status !== 201)) {
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('WEBHOOKS.LIMIT_REACHED');
    }
  });
});
