// GET /ready against real services: 503 with per-check details when a dependency is down or a
// projection lags, and the projection runner really running (role `all`) until it catches up.
import { Injectable, Module } from '@nestjs/common';
import { createServer } from 'net';
import request from 'supertest';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import type { EventMetadata, EventStore, RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionContext } from '@lib/projections';
import { createTestApp, TestApp } from '@test/support/test-app';
import { bearer, createAdminKey } from './access/access-fixtures';
import { EVENT_STORE } from '../src/ops/platform/platform.tokens';
import { ProjectionCatalog } from '../src/ops/platform/projection-catalog';

class CreateProbeSeen1767225699000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE probe_seen (event_id uuid PRIMARY KEY)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE probe_seen');
  }
}

const probeProjection: Projection = {
  name: 'probe-seen',
  version: 1,
  tables: ['probe_seen'],
  async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    for (const event of events) {
      if (event.type !== 'ProbeSeen') continue;
      await context.query(`INSERT INTO ${context.table('probe_seen')} (event_id) VALUES ($1) ON CONFLICT DO NOTHING`, [event.eventId]);
    }
  },
};

/** How a context registers its projections: from a provider's constructor. */
@Injectable()
class ProbeProjections {
  constructor(catalog: ProjectionCatalog) {
    catalog.register(probeProjection);
  }
}

@Module({ providers: [ProbeProjections] })
class ProbeProjectionModule {}

const metadata: EventMetadata = { actorKeyId: null, actorRole: null, companyId: null, correlationId: 'c-1', causationId: null, occurredAt: '2026-01-01T00:00:00.000Z' };

async function appendProbeEvents(testApp: TestApp, count: number): Promise<void> {
  const store = testApp.app.get<EventStore>(EVENT_STORE);
  const events = Array.from({ length: count }, () => ({ type: 'ProbeSeen', data: {}, metadata }));
  await store.append(`probe-${Math.random().toString(16).slice(2)}`, events, 'no_stream');
}

function portWithNothingListening(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls until `accept` holds; the suite's timeout bounds it. */
async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('readiness', () => {
  describe('with Redis down', () => {
    let testApp: TestApp;
    /** /ready and /metrics need a staff key (issue 3). */
    let opsKey: string;

    beforeAll(async () => {
      const deadPort = await portWithNothingListening();
      testApp = await createTestApp({ tag: 'ready_redis', env: { REDIS_URL: `redis://127.0.0.1:${deadPort}`, APP_ROLE: 'api' } });
      opsKey = await createAdminKey(testApp);
    });

    afterAll(async () => {
      await testApp?.close();
    });

    it('ready_WhenRedisIsDown_Then503NamingTheQueueCheck', async () => {
      const response = await request(testApp.server).get('/ready').set(bearer(opsKey)).expect(503);
      expect(response.body.status).toBe('not_ready');
      expect(response.body.checks.queues).toMatchObject({ status: 'down', error: expect.any(String) });
      expect(response.body.checks.database.status).toBe('up');
      expect(response.body.checks.eventStore.status).toBe('up');
      const again = await request(testApp.server).get('/ready').set(bearer(opsKey)).expect(503);
      expect(again.body.checks.queues.status).toBe('down');
    });

    it('health_WhenRedisIsDown_ThenStill200', async () => {
      await request(testApp.server).get('/health').expect(200);
    });
  });

  describe('with a projection that is not running (role api)', () => {
    let testApp: TestApp;
    /** /ready and /metrics need a staff key (issue 3). */
    let opsKey: string;

    beforeAll(async () => {
      testApp = await createTestApp({
        tag: 'ready_lag',
        env: { APP_ROLE: 'api', READY_MAX_LAG_EVENTS: '2' },
        imports: [ProbeProjectionModule],
        migrations: [CreateProbeSeen1767225699000],
      });
      opsKey = await createAdminKey(testApp);
    });

    afterAll(async () => {
      await testApp?.close();
    });

    // The ops key's own ApiKeyCreated event is in the log too: 1 + the 3 probe events.
    const EXPECTED_LAG = 4;
    const probeLag = (body: { checks?: { projections?: { projections?: Array<{ name: string; lagEvents: number }> } } }) =>
      body.checks?.projections?.projections?.find((p) => p.name === 'probe-seen')?.lagEvents;

    it('ready_WhenProjectionLagsBeyondTheLimit_Then503WithItsLag', async () => {
      await request(testApp.server).get('/ready').set(bearer(opsKey)).expect(200);
      await appendProbeEvents(testApp, 3);
      // Polls: readAll shows an event only once no older transaction on the server is open
      // (DESIGN §3.3), and other suites' transactions share the server.
      const response = await eventually(
        () => request(testApp.server).get('/ready').set(bearer(opsKey)),
        (answer) => answer.status === 503 && probeLag(answer.body) === EXPECTED_LAG,
      );
      expect(response.body.checks.projections).toMatchObject({ status: 'down', maxLagEvents: 2, error: expect.stringContaining('probe-seen') });
      expect(response.body.checks.projections.projections).toContainEqual({ name: 'probe-seen', version: 1, lagEvents: EXPECTED_LAG, running: false });
      const metrics = await request(testApp.server).get('/metrics').set(bearer(opsKey)).expect(200);
      expect(metrics.text).toContain(`cobalt_projection_lag_events{projection="probe-seen"} ${EXPECTED_LAG}`);
    });
  });

  describe('with the projection runner running (role all)', () => {
    let testApp: TestApp;
    /** /ready and /metrics need a staff key (issue 3). */
    let opsKey: string;

    beforeAll(async () => {
      testApp = await createTestApp({
        tag: 'ready_runner',
        env: { APP_ROLE: 'all', READY_MAX_LAG_EVENTS: '0' },
        imports: [ProbeProjectionModule],
        migrations: [CreateProbeSeen1767225699000],
      });
      opsKey = await createAdminKey(testApp);
    });

    afterAll(async () => {
      await testApp?.close();
    });

    it('ready_WhenRunnerCatchesUp_Then200AndTheReadModelHasEveryEvent', async () => {
      await appendProbeEvents(testApp, 4);
      const dataSource = testApp.app.get(DataSource);
      await eventually(
        () => dataSource.query('SELECT count(*)::int AS count FROM probe_seen') as Promise<{ count: number }[]>,
        (rows) => rows[0].count === 4,
      );
      // Every projection, not only the probe, must reach lag 0 (READY_MAX_LAG_EVENTS=0): poll.
      const response = await eventually(
        () => request(testApp.server).get('/ready').set(bearer(opsKey)),
        (answer) => answer.status === 200,
      );
      expect(response.body.checks.projections.projections).toContainEqual({ name: 'probe-seen', version: 1, lagEvents: 0, running: true });
    });
  });
});
