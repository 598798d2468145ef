// Attribution (R9): every event a request appends carries the acting key, role and company, the
// correlation id (the caller's X-Request-Id or one generated and echoed), the causation id, the
// Idempotency-Key and the time from the app clock.
import { Controller, HttpCode, Inject, Module, Post } from '@nestjs/common';
import type { EventMetadata, EventStore } from '@lib/event-store';
import { FixedClock, systemClock } from '@lib/kernel';
import request from 'supertest';
import { Roles } from '../../src/access/auth/access.decorators';
import { CommandMeta } from '../../src/access/auth/request-params.decorators';
import { EVENT_STORE } from '../../src/ops/platform/platform.tokens';
import { appClock, bearer, createKey, registerCompany, streamEvents } from './access-fixtures';
import { AccessTestApp, createAccessTestApp } from './access-test-app';

/** Test-only: a company-scoped command, since issue 3 itself has none a company key may send. */
@Controller('test-only/attribution')
class CompanyCommandProbe {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  @Post()
  @HttpCode(201)
  @Roles('company')
  async record(@CommandMeta() metadata: EventMetadata): Promise<{ ok: true }> {
    await this.eventStore.append(`probe-${metadata.correlationId}`, [{ type: 'ProbeRecorded', data: {}, metadata }], 'no_stream');
    return { ok: true };
  }
}

@Module({ controllers: [CompanyCommandProbe] })
class ProbeModule {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('attribution (e2e)', () => {
  let testApp: AccessTestApp;
  const clock = new FixedClock('2026-03-14T09:26:53.000Z');

  beforeAll(async () => {
    testApp = await createAccessTestApp({ tag: 'access_attrib', imports: [ProbeModule] });
  });

  afterEach(() => appClock(testApp).use(systemClock));

  afterAll(async () => {
    await testApp?.close();
  });

  async function metadataOfStream(streamId: string): Promise<EventMetadata[]> {
    return (await streamEvents(testApp, streamId)).map((event) => event.metadata);
  }

  it('staffCommand_WhenRequestIdAndIdempotencyKeyGiven_ThenEventsCarryAllOfIt', async () => {
    const operator = await createKey(testApp.server, testApp.adminKey, 'operator');
    appClock(testApp).use(clock);
    const response = await request(testApp.server)
      .post('/v1/companies')
      .set(bearer(operator.key))
      .set('X-Request-Id', 'trace-42.a_b')
      .set('Idempotency-Key', 'attribution-1')
      .send({ name: 'Attributed GmbH', country: 'DE' })
      .expect(201);
    expect(response.headers['x-request-id']).toBe('trace-42.a_b');
    expect(response.body.registeredAt).toBe('2026-03-14T09:26:53.000Z');
    expect(await metadataOfStream(`company-${response.body.id}`)).toEqual([
      {
        actorKeyId: operator.id,
        actorRole: 'operator',
        companyId: null,
        correlationId: 'trace-42.a_b',
        causationId: 'trace-42.a_b',
        idempotencyKey: 'attribution-1',
        occurredAt: '2026-03-14T09:26:53.000Z',
      },
    ]);
  });

  it('command_WhenNoRequestId_ThenOneIsGenerated_EchoedAndRecorded', async () => {
    const response = await request(testApp.server).post('/v1/api-keys').set(bearer(testApp.adminKey)).send({ role: 'auditor', label: 'audit' }).expect(201);
    const requestId = response.headers['x-request-id'];
    expect(requestId).toMatch(UUID);
    const [metadata] = await metadataOfStream(`api-key-${response.body.id}`);
    expect(metadata).toMatchObject({ actorRole: 'admin', companyId: null, correlationId: requestId, causationId: requestId, idempotencyKey: null });
  });

  it('command_WhenRequestIdIsNotASaneToken_ThenReplacedByAGeneratedOne', async () => {
    for (const given of ['has spaces', 'x'.repeat(129), 'semi;colon']) {
      const response = await request(testApp.server)
        .post('/v1/companies')
        .set(bearer(testApp.adminKey))
        .set('X-Request-Id', given)
        .send({ name: 'Renamed Trace Ltd', country: 'GB' })
        .expect(201);
      expect(response.headers['x-request-id']).toMatch(UUID);
      const [metadata] = await metadataOfStream(`company-${response.body.id}`);
      expect(metadata.correlationId).toBe(response.headers['x-request-id']);
    }
  });

  it('companyCommand_WhenCompanyKeyActs_ThenItsCompanyIsRecorded', async () => {
    const companyId = await registerCompany(testApp.server, testApp.adminKey, 'Acting Co');
    const { id, key } = await createKey(testApp.server, testApp.adminKey, 'company', companyId);
    appClock(testApp).use(clock);
    await request(testApp.server).post('/test-only/attribution').set(bearer(key)).set('X-Request-Id', 'company-trace-1').expect(201);
    expect(await metadataOfStream('probe-company-trace-1')).toEqual([
      {
        actorKeyId: id,
        actorRole: 'company',
        companyId,
        correlationId: 'company-trace-1',
        causationId: 'company-trace-1',
        idempotencyKey: null,
        occurredAt: '2026-03-14T09:26:53.000Z',
      },
    ]);
  });

  it('anyResponse_WhenRefusedOrUnknownRoute_ThenStillEchoesTheRequestId', async () => {
    const refused = await request(testApp.server).get('/v1/me').set('X-Request-Id', 'refused-1').expect(401);
    expect(refused.headers['x-request-id']).toBe('refused-1');
    const unknown = await request(testApp.server).get('/v1/no-such-route').set('X-Request-Id', 'unknown-1').expect(404);
    expect(unknown.headers['x-request-id']).toBe('unknown-1');
  });
});
