// The app shell over HTTP: ops endpoints, OpenAPI, and the DESIGN §4 error body for every kind of
// failure (validation, malformed JSON, domain refusals, concurrency, unknown routes, crashes).
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import { DomainError, DomainErrorKind } from '@lib/kernel';
import { EventStore, WrongExpectedRevision } from '@lib/event-store';
import { createTestApp, TestApp } from '@test/support/test-app';
import { bearer, createAdminKey } from './access/access-fixtures';
import { Public } from '../src/access/auth/access.decorators';
import { EVENT_STORE } from '../src/ops/platform/platform.tokens';

class BeneficiaryBody {
  @IsString()
  @IsNotEmpty()
  name!: string;
}

class RetireProbeBody {
  @IsInt()
  @Min(1)
  quantityKg!: number;

  @ValidateNested()
  @Type(() => BeneficiaryBody)
  beneficiary!: BeneficiaryBody;
}

class ProbeRefused extends DomainError {
  readonly code = 'REGISTRY.INSUFFICIENT_UNITS';
  readonly kind: DomainErrorKind = 'rule';
}

/** Test-only routes that fail in each way the error filter must handle. */
@Public()
@Controller('test-only')
class ProbeController {
  @Post('retire')
  retire(@Body() body: RetireProbeBody): { quantityKg: number; beneficiaryIsInstance: boolean } {
    return { quantityKg: body.quantityKg, beneficiaryIsInstance: body.beneficiary instanceof BeneficiaryBody };
  }

  @Get('refused')
  refused(): never {
    throw new ProbeRefused('Only 10 kg are available', { availableKg: 10 });
  }

  @Get('conflict')
  conflict(): never {
    throw new WrongExpectedRevision('batch-7', 3, 4);
  }

  @Get('crash')
  crash(): never {
    throw new Error('connection to postgres://admin:hunter2@db failed');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const BODY_LIMIT_BYTES = 2_048;

describe('app shell over HTTP', () => {
  let testApp: TestApp;
  /** /ready and /metrics need a staff key (issue 3). */
  let opsKey: string;

  beforeAll(async () => {
    testApp = await createTestApp({ tag: 'ops_http', imports: [ProbeModule], env: { BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES) } });
    opsKey = await createAdminKey(testApp);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('health_WhenCalled_ThenAnswersOkWithoutTouchingDependencies', async () => {
    const response = await request(testApp.server).get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('ready_WhenPostgresAndRedisAnswer_Then200WithEveryCheckUp', async () => {
    const response = await request(testApp.server).get('/ready').set(bearer(opsKey)).expect(200);
    expect(response.body.status).toBe('ready');
    expect(response.body.checks.database.status).toBe('up');
    expect(response.body.checks.queues).toMatchObject({ status: 'up', backend: 'redis' });
    expect(response.body.checks.eventStore).toMatchObject({ status: 'up', kind: 'postgres' });
    expect(response.body.checks.projections.status).toBe('up');
    for (const projection of response.body.checks.projections.projections) {
      expect(projection).toEqual({ name: expect.any(String), version: expect.any(Number), lagEvents: expect.any(Number), running: expect.any(Boolean) });
    }
  });

  it('metrics_WhenScraped_ThenExposesLatencyAppendsLagAndQueueMetrics', async () => {
    const store = testApp.app.get<EventStore>(EVENT_STORE);
    const metadata = { actorKeyId: null, actorRole: null, companyId: null, correlationId: 'c-1', causationId: null, occurredAt: '2026-01-01T00:00:00.000Z' };
    await store.append('probe-1', [{ type: 'ProbeHappened', data: {}, metadata }, { type: 'ProbeHappened', data: {}, metadata }], 'no_stream');
    await expect(store.append('probe-1', [{ type: 'ProbeHappened', data: {}, metadata }], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevision);
    await request(testApp.server).get('/health').expect(200);

    const response = await request(testApp.server).get('/metrics').set(bearer(opsKey)).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.text;
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} [1-9]/);
    expect(text).toContain('cobalt_event_store_appends_total{stream_category="probe",outcome="ok"} 1');
    expect(text).toContain('cobalt_event_store_appends_total{stream_category="probe",outcome="conflict"} 1');
    expect(text).toContain('cobalt_events_appended_total{stream_category="probe"} 2');
    expect(text).toContain('# TYPE cobalt_projection_lag_events gauge');
    expect(text).toContain('# TYPE cobalt_queue_depth gauge');
    expect(text).toContain('cobalt_dependency_up{dependency="queues"} 1');
  });

  it('docsJson_WhenFetched_ThenIsAnOpenApi3DocumentListingTheOpsRoutes', async () => {
    const response = await request(testApp.server).get('/docs-json').expect(200);
    const document = response.body as { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, { responses?: object }>> };
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(document.info.title).toEqual(expect.any(String));
    expect(document.info.version).toBe('1');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/health', '/ready', '/metrics']));
    for (const [path, operations] of Object.entries(document.paths)) {
      expect(path.startsWith('/')).toBe(true);
      for (const operation of Object.values(operations)) expect(Object.keys(operation.responses ?? {}).length).toBeGreaterThan(0);
    }
    const unresolved = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)]
      .map((match) => match[1])
      .filter((name) => !(name in ((document as { components?: { schemas?: object } }).components?.schemas ?? {})));
    expect(unresolved).toEqual([]);
  });

  it('unknownRoute_WhenCalled_Then404WithErrorBody', async () => {
    const response = await request(testApp.server).get('/v1/nothing-here').expect(404);
    expect(response.body).toEqual({ error: { code: 'REQUEST.NOT_FOUND', message: expect.any(String) } });
  });

  it('malformedJson_WhenPosted_Then400MalformedJson', async () => {
    const response = await request(testApp.server).post('/test-only/retire').set('content-type', 'application/json').send('{"quantityKg": 5,').expect(400);
    expect(response.body).toEqual({ error: { code: 'REQUEST.MALFORMED_JSON', message: 'The body is not valid JSON' } });
  });

  it('prototypePoisoning_WhenPosted_Then400MalformedJson', async () => {
    const bodies = [
      '{"quantityKg": 5, "__proto__": {"admin": true}}',
      // The same key spelled with escapes, and nested.
      '{"quantityKg": 5, "beneficiary": {"\\u005f\\u005fproto\\u005f\\u005f": {"admin": true}}}',
      '{"quantityKg": 5, "constructor": {"prototype": {"admin": true}}}',
    ];
    for (const body of bodies) {
      const response = await request(testApp.server).post('/test-only/retire').set('content-type', 'application/json').send(body).expect(400);
      expect(response.body.error.code).toBe('REQUEST.MALFORMED_JSON');
    }
  });

  it('invalidFields_WhenPosted_Then400WithPerFieldDetails', async () => {
    const response = await request(testApp.server).post('/test-only/retire').send({ quantityKg: 0.5, beneficiary: { name: '' }, extra: 1 }).expect(400);
    expect(response.body.error.code).toBe('REQUEST.VALIDATION_FAILED');
    const fields = response.body.error.details.fields as Record<string, string[]>;
    expect(Object.keys(fields).sort()).toEqual(['beneficiary.name', 'extra', 'quantityKg']);
    expect(fields.extra).toEqual(['property extra should not exist']);
  });

  it('validBody_WhenPosted_ThenReachesTheRouteAsDtoInstances', async () => {
    const response = await request(testApp.server).post('/test-only/retire').send({ quantityKg: 5, beneficiary: { name: 'Acme' } }).expect(201);
    expect(response.body).toEqual({ quantityKg: 5, beneficiaryIsInstance: true });
  });

  it('oversizedBody_WhenPosted_Then413WithErrorBody', async () => {
    const response = await request(testApp.server)
      .post('/test-only/retire')
      .send({ quantityKg: 5, beneficiary: { name: 'x'.repeat(BODY_LIMIT_BYTES) } })
      .expect(413);
    expect(response.body.error.code).toBe('REQUEST.BODY_TOO_LARGE');
  });

  it('unsupportedContentType_WhenPosted_Then415WithErrorBody', async () => {
    const response = await request(testApp.server).post('/test-only/retire').set('content-type', 'application/xml').send('<a/>').expect(415);
    expect(response.body.error.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
  });

  it('domainError_WhenThrown_ThenMappedByKindWithCodeAndDetails', async () => {
    const response = await request(testApp.server).get('/test-only/refused').expect(422);
    expect(response.body).toEqual({ error: { code: 'REGISTRY.INSUFFICIENT_UNITS', message: 'Only 10 kg are available', details: { availableKg: 10 } } });
  });

  it('wrongExpectedRevision_WhenEscaping_Then409', async () => {
    const response = await request(testApp.server).get('/test-only/conflict').expect(409);
    expect(response.body.error.code).toBe('REQUEST.CONCURRENCY_CONFLICT');
  });

  it('unexpectedError_WhenThrown_Then500WithoutLeakingInternals', async () => {
    const response = await request(testApp.server).get('/test-only/crash').expect(500);
    expect(response.body).toEqual({ error: { code: 'INTERNAL.ERROR', message: 'Internal server error' } });
    expect(response.text).not.toContain('hunter2');
  });

  it('undecodableUrl_WhenCalled_Then400WithErrorBody', async () => {
    const response = await request(testApp.server).get('/v1/sites/%E0%A4%A').expect(400);
    expect(response.body.error.code).toBe('REQUEST.BAD_URL');
  });
});
