// Background jobs wired through the shell: a context registers a route and a processor in the
// JobCatalog, and with role `all` an appended event reaches the processor through real Redis.
import { Injectable, Module } from '@nestjs/common';
import request from 'supertest';
import type { EventMetadata, EventStore } from '@lib/event-store';
import type { QueuedJob } from '@lib/jobs';
import { createTestApp, TestApp } from '@test/support/test-app';
import { bearer, createAdminKey } from './access/access-fixtures';
import { JobCatalog } from '../src/ops/platform/job-catalog';
import { JobsHost } from '../src/ops/platform/jobs-host';
import { EVENT_STORE } from '../src/ops/platform/platform.tokens';

const processedJobIds: string[] = [];

/** How a context registers its jobs: from a provider's constructor. */
@Injectable()
class ProbeJobs {
  constructor(catalog: JobCatalog) {
    catalog.registerRoutes({
      ProbeRang: (event) => [{ queue: 'probe-bells', name: 'ring', data: { streamId: event.streamId } }],
    });
    catalog.registerProcessor({
      queue: 'probe-bells',
      process: async (job: QueuedJob) => {
        processedJobIds.push(String(job.id));
      },
    });
  }
}

@Module({ providers: [ProbeJobs] })
class ProbeJobsModule {}

const metadata: EventMetadata = { actorKeyId: null, actorRole: null, companyId: null, correlationId: 'c-1', causationId: null, occurredAt: '2026-01-01T00:00:00.000Z' };

async function eventually<T>(probe: () => Promise<T> | T, accept: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('background jobs in role all', () => {
  let testApp: TestApp;
  /** /ready and /metrics need a staff key (issue 3). */
  let opsKey: string;

  beforeAll(async () => {
    testApp = await createTestApp({ tag: 'ops_jobs', env: { APP_ROLE: 'all' }, imports: [ProbeJobsModule] });
    opsKey = await createAdminKey(testApp);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('dispatcher_WhenRoutedEventAppended_ThenItsJobIsProcessedWithTheEventIdAsJobId', async () => {
    const store = testApp.app.get<EventStore>(EVENT_STORE);
    await store.append('probe-1', [{ type: 'ProbeRang', data: {}, metadata }, { type: 'ProbeIgnored', data: {}, metadata }], 'no_stream');
    const [rang] = await store.readStream('probe-1');
    await eventually(() => processedJobIds, (ids) => ids.length > 0);
    expect(processedJobIds).toEqual([rang.eventId]);
    expect(testApp.app.get(JobsHost).dispatcherStatus()).toMatchObject({ running: true, jobsEnqueued: 1 });
  });

  it('metrics_WhenQueuesRegistered_ThenReportsTheirDepth', async () => {
    const response = await request(testApp.server).get('/metrics').set(bearer(opsKey)).expect(200);
    expect(response.text).toMatch(/cobalt_queue_depth\{queue="probe-bells",state="waiting"\} 0/);
    expect(response.text).toContain('cobalt_dependency_up{dependency="queues"} 1');
  });
});
