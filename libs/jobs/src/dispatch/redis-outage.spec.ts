// DESIGN §3.5 under a Redis outage, on a private redis-server this test kills and restarts:
// appends keep working, no side effect happens while Redis is down, and once it is back every
// job runs exactly once, also after a dispatcher restart and after a replay of accepted jobs.
import { CheckpointStore } from '@lib/projections';
import { appendEvent, eventually, EXPIRY_QUEUE, JobsTestEnv, MAIL_QUEUE, openJobsTestEnv, testRoutes } from '../../test/jobs-test-kit';
import { OwnRedisServer } from '../../test/own-redis-server';
import { JobQueues } from '../job-queues';
import { createJobWorker, JobWorker } from '../job-worker';
import { JobsConfig } from '../jobs-connection';
import { JobsLogger } from '../jobs-logger';
import { dispatcherConsumer, DISPATCHER_CHECKPOINT_VERSION, JobDispatcher } from './job-dispatcher';

let env: JobsTestEnv;
let redis: OwnRedisServer;
let config: JobsConfig;
let queues: JobQueues;
let workers: JobWorker[] = [];
let dispatcher: JobDispatcher | null = null;
const warnings: string[] = [];

const logger: JobsLogger = {
  info: () => undefined,
  warn: (_context, message) => void warnings.push(message),
  error: (_context, message) => void warnings.push(message),
};

beforeAll(async () => {
  env = await openJobsTestEnv('jobs_outage');
  redis = await OwnRedisServer.start();
  config = { connection: { kind: 'redis', url: redis.url }, prefix: 'cobalt-outage' };
  queues = new JobQueues({ ...config, logger });
});

afterAll(async () => {
  await dispatcher?.stop();
  await Promise.all(workers.map((worker) => worker.close()));
  await queues.close();
  await redis.kill();
  await env.close();
});

function startDispatcher(name = 'outage', producer = queues): JobDispatcher {
  // Short backoff ceiling so the test does not idle; the production default is 5 s.
  const started = new JobDispatcher({
    name,
    dataSource: env.dataSource,
    eventStore: env.eventStore,
    queues: producer,
    routes: testRoutes,
    logger,
    backoff: { initialDelayMs: 50, maxDelayMs: 400 },
    enqueueTimeoutMs: 2_000,
  });
  started.start();
  return started;
}

async function effectsByJob(): Promise<Map<string, number>> {
  return new Map((await env.effects.rows()).map((row) => [`${row.queue}/${row.jobId}`, row.runs]));
}

describe('Redis outage', () => {
  it('outage_WhenRedisDiesAndComesBack_ThenAppendsWorkAndEveryJobRunsExactlyOnce', async () => {
    workers = [MAIL_QUEUE, EXPIRY_QUEUE].map((queue) => createJobWorker(config, queue, env.effects.processor(queue), { logger }));
    dispatcher = startDispatcher();
    const before = await appendEvent(env.eventStore, 'OrderPlaced', { orderId: 'before' });
    await eventually(async () => (await env.effects.count()) === 1, 'the job before the outage ran');

    await redis.kill();
    // Appends do not depend on Redis: all of these succeed while it is down.
    const during = [
      await appendEvent(env.eventStore, 'OrderPlaced', { orderId: 'd1' }),
      await appendEvent(env.eventStore, 'OrderNoted', { orderId: 'd1' }),
      await appendEvent(env.eventStore, 'OrderShipped', { orderId: 'd1' }),
      await appendEvent(env.eventStore, 'OrderPlaced', { orderId: 'd2', expiresAt: '2000-01-01T00:00:00.000Z' }),
      await appendEvent(env.eventStore, 'OrderPlaced', { orderId: 'd3' }),
    ];
    const expectedDuring = [
      `${MAIL_QUEUE}/${during[0].eventId}`,
      `${MAIL_QUEUE}/${during[2].eventId}-invoice`,
      `${MAIL_QUEUE}/${during[2].eventId}-shipping-notice`,
      `${MAIL_QUEUE}/${during[3].eventId}`,
      `${EXPIRY_QUEUE}/${during[3].eventId}`,
      `${MAIL_QUEUE}/${during[4].eventId}`,
    ];

    // The dispatcher tried, failed, and is holding at the first event of the outage.
    const active = dispatcher;
    await eventually(() => active.status().enqueueFailures >= 3, 'enqueue attempts failed while Redis is down');
    expect(active.status().dispatchedPosition).toEqual(before.position);
    expect(warnings).toContain('could not enqueue jobs; retrying (later events wait, appends are not affected)');
    expect([...(await effectsByJob()).keys()]).toEqual([`${MAIL_QUEUE}/${before.eventId}`]);

    await redis.restart();
    await eventually(async () => (await env.effects.count()) === 1 + expectedDuring.length, 'every job of the outage ran');
    const afterOutage = await effectsByJob();
    expect([...afterOutage.keys()].sort()).toEqual([`${MAIL_QUEUE}/${before.eventId}`, ...expectedDuring].sort());
    expect([...afterOutage.values()].every((runs) => runs === 1)).toBe(true);

    // Restart from the checkpoint: only the new event is enqueued, nothing runs twice.
    await active.stop();
    dispatcher = startDispatcher();
    const after = await appendEvent(env.eventStore, 'OrderPlaced', { orderId: 'after' });
    expect(await dispatcher.waitUntilDispatched(after.position, 30_000)).toBe(true);
    expect(dispatcher.status().jobsEnqueued).toBe(1);
    await eventually(async () => (await env.effects.count()) === 2 + expectedDuring.length, 'the job after the restart ran');

    // A crash between "jobs accepted" and "checkpoint saved" replays accepted events: rewind the
    // checkpoint to the outage's start and restart; BullMQ refuses the known job ids.
    await dispatcher.stop();
    await env.dataSource.transaction((manager) =>
      new CheckpointStore(env.dataSource).save(dispatcherConsumer('outage'), DISPATCHER_CHECKPOINT_VERSION, before.position, manager),
    );
    dispatcher = startDispatcher();
    expect(await dispatcher.waitUntilDispatched(after.position, 30_000)).toBe(true);
    expect(dispatcher.status().jobsEnqueued).toBe(expectedDuring.length + 1);
    // A re-run would show here as waiting/active, or (once finished) as runs = 2 below.
    const mailJobsSinceRestart = expectedDuring.filter((key) => key.startsWith(`${MAIL_QUEUE}/`)).length + 1;
    const counts = await queues.get(MAIL_QUEUE).getJobCounts('waiting', 'active', 'delayed', 'completed');
    expect(counts).toEqual({ waiting: 0, active: 0, delayed: 0, completed: mailJobsSinceRestart });
    const final = await effectsByJob();
    expect(final.size).toBe(2 + expectedDuring.length);
    expect([...final.values()].every((runs) => runs === 1)).toBe(true);
  });

  it('coldStart_WhenDispatcherStartsWhileRedisIsDown_ThenItWaitsAndEnqueuesOnceRedisIsBack', async () => {
    await dispatcher?.stop();
    dispatcher = null;
    // A fresh consumer that starts at the current end of the log, and a producer that never
    // talked to Redis: its queues are opened during the outage.
    const head = await appendEvent(env.eventStore, 'OrderNoted', { orderId: 'head' });
    await env.dataSource.transaction((manager) =>
      new CheckpointStore(env.dataSource).save(dispatcherConsumer('cold'), DISPATCHER_CHECKPOINT_VERSION, head.position, manager),
    );
    const coldQueues = new JobQueues({ ...config, logger });
    try {
      await redis.kill();
      const cold = await appendEvent(env.eventStore, 'OrderPlaced', { orderId: 'cold' });
      dispatcher = startDispatcher('cold', coldQueues);
      const active = dispatcher;
      await eventually(() => active.status().enqueueFailures >= 2, 'enqueue attempts timed out while Redis is down');
      expect(active.status().lastError).toMatch(/did not finish within/);
      expect((await effectsByJob()).has(`${MAIL_QUEUE}/${cold.eventId}`)).toBe(false);

      await redis.restart();
      expect(await active.waitUntilDispatched(cold.position, 30_000)).toBe(true);
      await eventually(async () => (await effectsByJob()).has(`${MAIL_QUEUE}/${cold.eventId}`), 'the cold-start job ran');
      await active.stop();
      dispatcher = null;
      expect((await effectsByJob()).get(`${MAIL_QUEUE}/${cold.eventId}`)).toBe(1);
      expect(await coldQueues.get(MAIL_QUEUE).getJobCounts('waiting', 'active', 'completed')).toEqual({ waiting: 0, active: 0, completed: 1 });
    } finally {
      await coldQueues.close();
    }
  });
});
