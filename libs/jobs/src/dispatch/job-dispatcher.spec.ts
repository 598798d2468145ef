// The dispatcher against the real PostgreSQL event store and the machine's Redis (own prefix):
// routed events become jobs that run once, delayed jobs wait, restarts resume from the checkpoint.
import { CheckpointStore } from '@lib/projections';
import { FixedClock } from '@lib/kernel';
import { createTestQueuePrefix, TEST_REDIS_URL, TestQueuePrefix } from '@test/support';
import { appendEvent, eventually, EXPIRY_QUEUE, JobsTestEnv, MAIL_QUEUE, openJobsTestEnv, testRoutes } from '../../test/jobs-test-kit';
import { JobQueues } from '../job-queues';
import { createJobWorker, JobWorker } from '../job-worker';
import { JobsConfig } from '../jobs-connection';
import { queueDepths } from '../queue-depths';
import { dispatcherConsumer, JobDispatcher } from './job-dispatcher';

let env: JobsTestEnv;
let prefix: TestQueuePrefix;
let config: JobsConfig;
let queues: JobQueues;
const workers: JobWorker[] = [];
const dispatchers: JobDispatcher[] = [];

beforeAll(async () => {
  env = await openJobsTestEnv('jobs_dispatch');
  prefix = createTestQueuePrefix('jobs-dispatch');
  config = { connection: { kind: 'redis', url: TEST_REDIS_URL }, prefix: prefix.prefix };
  queues = new JobQueues(config);
});

afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((dispatcher) => dispatcher.stop()));
  await Promise.all(workers.splice(0).map((worker) => worker.close()));
});

afterAll(async () => {
  await queues.close();
  await prefix.cleanup();
  await env.close();
});

function startDispatcher(name: string, clock = new FixedClock()): JobDispatcher {
  const dispatcher = new JobDispatcher({ name, dataSource: env.dataSource, eventStore: env.eventStore, queues, routes: testRoutes, clock, lockRetryMs: 50 });
  dispatchers.push(dispatcher);
  dispatcher.start();
  return dispatcher;
}

function startWorkers(): void {
  for (const queue of [MAIL_QUEUE, EXPIRY_QUEUE]) workers.push(createJobWorker(config, queue, env.effects.processor(queue)));
}

describe('JobDispatcher', () => {
  it('dispatch_WhenRoutedEventsAppended_ThenEachJobRunsOnceWithTheEventIdAsJobId', async () => {
    startWorkers();
    const dispatcher = startDispatcher('runs-once');
    const placed = await appendEvent(env.eventStore, 'OrderPlaced', { orderId: 'o1' });
    await appendEvent(env.eventStore, 'OrderNoted', { orderId: 'o1' });
    const shipped = await appendEvent(env.eventStore, 'OrderShipped', { orderId: 'o1' });

    expect(await dispatcher.waitUntilDispatched(shipped.position, 30_000)).toBe(true);
    await eventually(async () => (await env.effects.count()) === 3, 'three jobs ran');
    expect(await env.effects.rows()).toEqual([
      { queue: MAIL_QUEUE, jobId: placed.eventId, jobName: 'order-confirmation', runs: 1 },
      { queue: MAIL_QUEUE, jobId: `${shipped.eventId}-invoice`, jobName: 'invoice', runs: 1 },
      { queue: MAIL_QUEUE, jobId: `${shipped.eventId}-shipping-notice`, jobName: 'shipping-notice', runs: 1 },
    ]);
    expect(dispatcher.status()).toMatchObject({ consumer: 'jobs:runs-once', running: true, jobsEnqueued: 3, enqueueFailures: 0 });
  });

  it('dispatch_WhenJobHasRunAt_ThenItWaitsDelayedAndRunsAfterItsDelay', async () => {
    const clock = new FixedClock('2026-03-01T12:00:00.000Z');
    const dispatcher = startDispatcher('delayed', clock);
    const placed = await appendEvent(env.eventStore, 'OrderPlaced', { orderId: 'o2', expiresAt: '2026-03-01T12:00:01.500Z' });
    expect(await dispatcher.waitUntilDispatched(placed.position, 30_000)).toBe(true);

    const job = await queues.get(EXPIRY_QUEUE).getJob(placed.eventId);
    expect(job?.opts.delay).toBe(1_500);
    expect(await job?.getState()).toBe('delayed');
    const depths = await queueDepths(queues, [EXPIRY_QUEUE]);
    expect(depths).toEqual([{ queue: EXPIRY_QUEUE, waiting: 0, active: 0, delayed: 1, failed: 0 }]);

    startWorkers();
    await eventually(async () => (await env.effects.rows()).some((row) => row.jobId === placed.eventId && row.queue === EXPIRY_QUEUE), 'expiry ran');
    const finished = await queues.get(EXPIRY_QUEUE).getJob(placed.eventId);
    // BullMQ's own record: the job was not taken before its delay had passed.
    expect(finished?.processedOn).toBeGreaterThanOrEqual((finished?.timestamp ?? 0) + 1_500);
  });

  it('restart_WhenDispatcherRestartsFromItsCheckpoint_ThenNothingIsEnqueuedAgain', async () => {
    const first = startDispatcher('restart');
    const a = await appendEvent(env.eventStore, 'OrderPlaced', { orderId: 'r1' });
    await appendEvent(env.eventStore, 'OrderNoted', { orderId: 'r1' });
    const b = await appendEvent(env.eventStore, 'OrderShipped', { orderId: 'r1' });
    // (It also offers the earlier tests' jobs again, from the start of the shared log: deduplicated.)
    expect(await first.waitUntilDispatched(b.position, 30_000)).toBe(true);
    await first.stop();
    const saved = await new CheckpointStore(env.dataSource).load(dispatcherConsumer('restart'));
    expect(saved?.position).toEqual(first.status().dispatchedPosition);

    const second = startDispatcher('restart');
    const c = await appendEvent(env.eventStore, 'OrderPlaced', { orderId: 'r2' });
    expect(await second.waitUntilDispatched(c.position, 30_000)).toBe(true);
    // Only the new event's job: the first three were not offered to the queue again.
    expect(second.status().jobsEnqueued).toBe(1);
    const mailJobs = await queues.get(MAIL_QUEUE).getJobs(['waiting', 'prioritized']);
    const ours = mailJobs.filter((job) => [a.eventId, `${b.eventId}-invoice`, `${b.eventId}-shipping-notice`, c.eventId].includes(job.id ?? ''));
    expect(ours.map((job) => job.id).sort()).toEqual([a.eventId, `${b.eventId}-invoice`, `${b.eventId}-shipping-notice`, c.eventId].sort());
  });

  it('dispatch_WhenManyEventsWait_ThenTheirJobsAreEnqueuedTogetherUnderFewCheckpointSaves', async () => {
    const placed: string[] = [];
    for (let index = 0; index < 40; index += 1) placed.push((await appendEvent(env.eventStore, 'OrderPlaced', { orderId: `bulk-${index}` })).eventId);
    const last = await appendEvent(env.eventStore, 'OrderNoted', { orderId: 'bulk-end' });
    const enqueues = jest.spyOn(queues, 'addAll');
    const saves = jest.spyOn(CheckpointStore.prototype, 'save');
    try {
      const dispatcher = startDispatcher('bulk');
      expect(await dispatcher.waitUntilDispatched(last.position, 30_000)).toBe(true);
      // The waiting events (the earlier tests' too, from the start of the shared log) go in a few
      // batches of up to 200, not one enqueue and one save per event.
      const ourSaves = saves.mock.calls.filter(([consumer]) => consumer === dispatcherConsumer('bulk'));
      expect(enqueues.mock.calls.length).toBeLessThan(placed.length);
      expect(ourSaves.length).toBeLessThan(placed.length);
      const mailJobs = await queues.get(MAIL_QUEUE).getJobs(['waiting', 'prioritized']);
      const ids = new Set(mailJobs.map((job) => job.id));
      expect(placed.filter((eventId) => !ids.has(eventId))).toEqual([]);
    } finally {
      enqueues.mockRestore();
      saves.mockRestore();
    }
  });

  it('dispatch_WhenAScreenIsGiven_ThenOnlyTheJobsItKeepsAreAdded', async () => {
    const kept = await appendEvent(env.eventStore, 'OrderPlaced', { orderId: 'screen-kept' });
    const dropped = await appendEvent(env.eventStore, 'OrderPlaced', { orderId: 'screen-dropped' });
    const screened: string[] = [];
    const dispatcher = new JobDispatcher({
      name: 'screened',
      dataSource: env.dataSource,
      eventStore: env.eventStore,
      queues,
      routes: testRoutes,
      lockRetryMs: 50,
      screen: async (jobs) => {
        screened.push(...jobs.map((job) => job.jobId));
        return jobs.filter((job) => (job.data as { orderId?: string }).orderId !== 'screen-dropped');
      },
    });
    dispatchers.push(dispatcher);
    dispatcher.start();
    expect(await dispatcher.waitUntilDispatched(dropped.position, 30_000)).toBe(true);
    expect(screened).toEqual(expect.arrayContaining([kept.eventId, dropped.eventId]));
    expect(await queues.get(MAIL_QUEUE).getJob(kept.eventId)).toBeDefined();
    expect(await queues.get(MAIL_QUEUE).getJob(dropped.eventId)).toBeUndefined();
  });

  it('lock_WhenTwoDispatchersShareAName_ThenOnlyOneDispatchesAndTheOtherTakesOverOnStop', async () => {
    const one = startDispatcher('single');
    await eventually(() => one.status().running, 'first dispatcher holds the lock');
    const two = startDispatcher('single');
    const d = await appendEvent(env.eventStore, 'OrderPlaced', { orderId: 's1' });
    expect(await one.waitUntilDispatched(d.position, 30_000)).toBe(true);
    expect(two.status()).toMatchObject({ running: false, jobsEnqueued: 0 });

    await one.stop();
    const e = await appendEvent(env.eventStore, 'OrderPlaced', { orderId: 's2' });
    expect(await two.waitUntilDispatched(e.position, 30_000)).toBe(true);
    // It resumed from the first one's checkpoint: only the event after it.
    expect(two.status()).toMatchObject({ running: true, jobsEnqueued: 1 });
  });
});
