// Keys never appear in logs (issue 3): every log line of a busy session, at the most verbose
// level, is searched for the keys and secrets used in it.
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { captureLogs, createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL, TestDatabase, TestQueuePrefix } from '@test/support';
import { issueApiKey } from '../../src/access/api-keys/api-key-token';
import { createApp } from '../../src/ops/bootstrap/create-app';
import { loadAppConfig } from '../../src/ops/config/app-config';
import { runAppMigrations } from '../../src/ops/database/database-bootstrap';
import { createAppLogger } from '../../src/ops/logging/app-logger';
import { bearer } from './access-fixtures';

describe('key secrecy in logs (e2e)', () => {
  let database: TestDatabase;
  let queuePrefix: TestQueuePrefix;
  let app: NestFastifyApplication;
  const logs = captureLogs();
  const bootstrap = issueApiKey();

  beforeAll(async () => {
    database = await createTestDatabase('access_secrecy');
    queuePrefix = createTestQueuePrefix('access_secrecy');
    await runAppMigrations(database.url);
    const config = loadAppConfig({
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix.prefix,
      EMBEDDED: 'never',
      BOOTSTRAP_ADMIN_KEY: bootstrap.token,
    });
    app = await createApp(
      { config, databaseUrl: database.url, jobs: { kind: 'redis', url: config.redisUrl }, embeddedPostgres: null },
      { logger: createAppLogger('trace', logs.stream), swaggerUi: false },
    );
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await queuePrefix?.cleanup();
  });

  it('logs_WhenKeysAreCreatedUsedRefusedAndRevoked_ThenNoKeyOrSecretIsWritten', async () => {
    const server = app.getHttpServer();
    const created = await request(server).post('/v1/api-keys').set(bearer(bootstrap.token)).send({ role: 'operator', label: 'ops' }).expect(201);
    const operatorKey: string = created.body.key;
    await request(server).get('/v1/me').set(bearer(operatorKey)).expect(200);
    await request(server).post('/v1/api-keys').set(bearer(operatorKey)).send({ role: 'admin', label: 'escalate' }).expect(403);
    await request(server).delete(`/v1/api-keys/${created.body.id}`).set(bearer(bootstrap.token)).expect(200);
    await request(server).get('/v1/me').set(bearer(operatorKey)).expect(401);
    const guessed = issueApiKey().token;
    await request(server).get('/v1/me').set(bearer(guessed)).expect(401);
    const traced = await request(server).get('/v1/me').set(bearer(bootstrap.token)).set('X-Request-Id', 'not a sane id').expect(200);

    const log = logs.text();
    // The session was logged (requests and the bootstrap), so the search below means something.
    expect(log).toContain('/v1/api-keys');
    expect(log).toContain(bootstrap.keyId);
    // Request lines carry the headers, with Authorization redacted rather than absent.
    expect(log).toContain('"authorization":"[REDACTED]"');
    // Logs and event metadata share the request id, even when the caller's one was replaced.
    expect(log).toContain(`"req":{"id":"${traced.headers['x-request-id']}"`);
    for (const token of [bootstrap.token, operatorKey, guessed]) {
      expect(log).not.toContain(token);
      expect(log).not.toContain(token.split('_').slice(2).join('_'));
    }
  });
});
