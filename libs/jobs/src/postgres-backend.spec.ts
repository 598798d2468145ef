// The embedded no-Redis mode (DESIGN §5): BullMQ 6's PostgreSQL backend in the same database as
// the event log and checkpoints, with the schema named after the queue prefix.
import { createTestQueuePrefix } from '@test/support';
import { appendEvent, eventually, JobsTestEnv, MAIL_QUEUE, openJobsTestEnv, testRoutes } from '../test/jobs-test-kit';
import { JobDispatcher } from './dispatch/job-dispatcher';
import { JobQueues } from './job-queues';
import { createJobWorker, JobWorker } from './job-worker';
import { JobsConfig, postgresSchemaFor } from './jobs-connection';
import { queueDepths } from './queue-depths';

let env: JobsTestEnv;
let config: JobsConfig;
let queues: JobQueues;
let worker: JobWorker | null = null;
let dispatcher: JobDispatcher | null = null;

beforeAll(async () => {
  env = await openJobsTestEnv('jobs_pg_backend');
  config = { connection: { kind: 'postgres', url: env.database.url }, prefix: createTestQueuePrefix('jobs-pg').prefix };
  queues = new JobQueues(config);
});

afterAll(async () => {
  await dispatcher?.stop();
  await worker?.close();
  await queues.close();
  await env.close();
});

describe('BullMQ PostgreSQL backend', () => {
  it('postgresBackend_WhenEventDispatched_ThenItsJobRunsOnceFromPostgresTables', async () => {
    dispatcher = new JobDispatcher({ name: 'pg-backend', dataSource: env.dataSource, eventStore: env.eventStore, queues, routes: testRoutes });
    dispatcher.start();
    const placed = await appendEvent(env.eventStore, 'OrderPlaced', { orderId: 'pg1' });
    expect(await dispatcher.waitUntilDispatched(placed.position, 30_000)).toBe(true);

    // The job sits in BullMQ's tables, in the schema derived from the prefix, until a worker runs it.
    const schema = postgresSchemaFor(config.prefix);
    const stored: Array<{ id: string; state: string }> = await env.dataSource.query(`SELECT id, state::text AS state FROM "${schema}".job WHERE queue = $1`, [
      MAIL_QUEUE,
    ]);
    expect(stored).toEqual([{ id: placed.eventId, state: 'waiting' }]);
    expect(await queueDepths(queues, [MAIL_QUEUE])).toEqual([{ queue: MAIL_QUEUE, waiting: 1, active: 0, delayed: 0, failed: 0 }]);

    worker = createJobWorker(config, MAIL_QUEUE, env.effects.processor(MAIL_QUEUE), { concurrency: 1 });
    await eventually(async () => (await env.effects.count()) === 1, 'the job ran on the PostgreSQL backend');
    await eventually(async () => (await queues.get(MAIL_QUEUE).getJobState(placed.eventId)) === 'completed', 'the job is completed');

    // A second add with the same id (a replay) is refused by the backend: still one run.
    await queues.add({ queue: MAIL_QUEUE, name: 'order-confirmation', data: { orderId: 'pg1' }, jobId: placed.eventId, delayMs: 0 });
    expect(await queues.get(MAIL_QUEUE).getJobCounts('waiting', 'active', 'completed')).toEqual({ waiting: 0, active: 0, completed: 1 });
    expect(await env.effects.rows()).toEqual([{ queue: MAIL_QUEUE, jobId: placed.eventId, jobName: 'order-confirmation', runs: 1 }]);
  });
});
