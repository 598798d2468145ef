// Request ids and request log lines over HTTP: every answer carries X-Request-Id (the caller's sane
// one or a fresh UUID), unknown routes and refusals included; every answered request but the
// health and scrape endpoints writes one line at the level its status calls for, with the same id;
// an unexpected error is logged once more with that id, and no credential reaches the log.
import { Controller, Get, Module } from '@nestjs/common';
import request from 'supertest';
import { captureLogs } from '@test/support';
import { createTestApp, TestApp } from '@test/support/test-app';
import { bearer, createAdminKey } from './access/access-fixtures';
import { Public } from '../src/access/auth/access.decorators';

@Public()
@Controller('test-only')
class CrashController {
  @Get('crash')
  crash(): never {
    throw new Error('connection to postgres://admin:hunter2@db:5432/cobalt failed');
  }
}

@Module({ controllers: [CrashController] })
class CrashModule {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** pino's numeric levels. */
const LEVEL = { info: 30, warn: 40, error: 50 } as const;

interface LogLine {
  level: number;
  msg?: string;
  requestId?: string;
  req?: { id: string; method: string; url: string; headers: Record<string, string> };
  res?: { statusCode: number };
  responseTime?: number;
}

describe('request ids and request log lines', () => {
  let testApp: TestApp;
  let adminKey: string;
  const logs = captureLogs();
  const lines = (): LogLine[] => logs.lines<LogLine>();
  const requestLine = (id: string): LogLine[] => lines().filter((line) => line.msg === 'request completed' && line.req?.id === id);

  beforeAll(async () => {
    testApp = await createTestApp({ tag: 'ops_request_log', imports: [CrashModule], logDestination: logs.stream });
    adminKey = await createAdminKey(testApp);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('requestLine_WhenAnswered_ThenOneLineAtTheStatusLevelWithTheEchoedId', async () => {
    const ok = await request(testApp.server).get('/v1/me').set(bearer(adminKey)).expect(200);
    const refused = await request(testApp.server).get('/v1/me').expect(401);
    const unknown = await request(testApp.server).get('/v1/no-such-route').set(bearer(adminKey)).expect(404);

    const expectations: Array<[request.Response, string, number, number]> = [
      [ok, '/v1/me', 200, LEVEL.info],
      [refused, '/v1/me', 401, LEVEL.warn],
      [unknown, '/v1/no-such-route', 404, LEVEL.warn],
    ];
    for (const [response, url, status, level] of expectations) {
      const id = response.headers['x-request-id'];
      expect(id).toMatch(UUID);
      const logged = requestLine(id);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toEqual(expect.objectContaining({ level, res: { statusCode: status } }));
      expect(logged[0].req).toEqual(expect.objectContaining({ id, method: 'GET', url }));
      expect(typeof logged[0].responseTime).toBe('number');
    }
    // Credentials show as redacted, never as sent.
    expect(requestLine(ok.headers['x-request-id'])[0].req?.headers.authorization).toBe('[REDACTED]');
    expect(logs.text()).not.toContain(adminKey.split('_').slice(2).join('_'));
  });

  it('requestId_WhenCallerSendsOne_ThenSaneOnesAreKeptAndOthersReplaced', async () => {
    const kept = await request(testApp.server).get('/v1/me').set('X-Request-Id', 'trace-42.a_b').expect(401);
    expect(kept.headers['x-request-id']).toBe('trace-42.a_b');
    expect(requestLine('trace-42.a_b')).toHaveLength(1);

    const replaced = await request(testApp.server).get('/v1/me').set(bearer(adminKey)).set('X-Request-Id', 'not a sane id').expect(200);
    expect(replaced.headers['x-request-id']).toMatch(UUID);
    expect(requestLine(replaced.headers['x-request-id'])).toHaveLength(1);
  });

  it('unexpectedError_WhenThrown_ThenLoggedWithTheRequestIdAndNoPassword', async () => {
    const response = await request(testApp.server).get('/test-only/crash').expect(500);
    const id = response.headers['x-request-id'];
    expect(requestLine(id)).toEqual([expect.objectContaining({ level: LEVEL.error, res: { statusCode: 500 } })]);
    const failure = lines().filter((line) => line.requestId === id);
    expect(failure).toEqual([expect.objectContaining({ level: LEVEL.error, msg: 'request failed with an unexpected error' })]);
    expect(logs.text()).toContain('postgres://admin:[REDACTED]@db:5432/cobalt');
    expect(logs.text()).not.toContain('hunter2');
  });

  it('healthAndMetrics_WhenPolled_ThenNotLogged', async () => {
    const health = await request(testApp.server).get('/health').expect(200);
    const metrics = await request(testApp.server).get('/metrics').set(bearer(adminKey)).expect(200);
    expect(requestLine(health.headers['x-request-id'])).toEqual([]);
    expect(requestLine(metrics.headers['x-request-id'])).toEqual([]);
  });
});
