// Shared set-up of the jobs integration tests: a fresh database with the event store, checkpoint
// and side-effect tables; a PostgreSQL event store; a worker processor that records each run in
// PostgreSQL (so a job that ran twice shows up); and a wait helper with a failure deadline.
import { DataSource } from 'typeorm';
import { EventStore, eventStoreMigrations, LogPosition, NewEvent, PostgresEventStore } from '@lib/event-store';
import { projectionsMigrations } from '@lib/projections';
import { createTestDatabase, runMigrations, TestDatabase } from '@test/support';
import type { JobProcessor, JobRoutes, JobSpec } from '../src';

export interface JobsTestEnv {
  database: TestDatabase;
  dataSource: DataSource;
  eventStore: EventStore;
  effects: JobEffects;
  close(): Promise<void>;
}

export async function openJobsTestEnv(tag: string): Promise<JobsTestEnv> {
  const database = await createTestDatabase(tag);
  await runMigrations(database.url, [...eventStoreMigrations, ...projectionsMigrations]);
  const dataSource = await new DataSource({ type: 'postgres', url: database.url, poolSize: 6 }).initialize();
  await dataSource.query(
    `CREATE TABLE job_effects (
       queue text NOT NULL,
       job_id text NOT NULL,
       job_name text NOT NULL,
       runs integer NOT NULL,
       PRIMARY KEY (queue, job_id))`,
  );
  const eventStore = new PostgresEventStore(database.url, { poolSize: 4, pollIntervalMs: 100 });
  return {
    database,
    dataSource,
    eventStore,
    effects: new JobEffects(dataSource),
    async close() {
      await eventStore.close();
      await dataSource.destroy();
      await database.drop();
    },
  };
}

export interface EffectRow {
  queue: string;
  jobId: string;
  jobName: string;
  runs: number;
}

/** The side effects of the test jobs: one row per (queue, job id) with how many times it ran. */
export class JobEffects {
  constructor(private readonly dataSource: DataSource) {}

  /** A processor for `queue` that records each run; counting runs is how doubles are caught. */
  processor(queue: string): JobProcessor {
    return async (job) => {
      await this.dataSource.query(
        `INSERT INTO job_effects (queue, job_id, job_name, runs) VALUES ($1, $2, $3, 1)
         ON CONFLICT (queue, job_id) DO UPDATE SET runs = job_effects.runs + 1`,
        [queue, job.id, job.name],
      );
    };
  }

  async rows(): Promise<EffectRow[]> {
    const rows: Array<{ queue: string; job_id: string; job_name: string; runs: number }> = await this.dataSource.query(
      'SELECT queue, job_id, job_name, runs FROM job_effects ORDER BY queue, job_id',
    );
    return rows.map((row) => ({ queue: row.queue, jobId: row.job_id, jobName: row.job_name, runs: row.runs }));
  }

  async count(): Promise<number> {
    return (await this.rows()).length;
  }
}

/** Queues of the test routes. */
export const MAIL_QUEUE = 'mail';
export const EXPIRY_QUEUE = 'expiry';

export interface OrderData {
  orderId: string;
  /** ISO instant; when set, an expiry job is scheduled then. */
  expiresAt?: string;
}

/**
 * Test routes: `OrderPlaced` makes one mail job and, with `expiresAt`, one delayed expiry job;
 * `OrderShipped` makes two mail jobs (to test per-queue id suffixes); anything else, none.
 */
export const testRoutes: JobRoutes = {
  OrderPlaced: (event) => {
    const data = event.data as OrderData;
    const jobs: JobSpec[] = [{ queue: MAIL_QUEUE, name: 'order-confirmation', data: { orderId: data.orderId } }];
    if (data.expiresAt !== undefined) jobs.push({ queue: EXPIRY_QUEUE, name: 'expire-order', data: { orderId: data.orderId }, runAt: new Date(data.expiresAt) });
    return jobs;
  },
  OrderShipped: (event) => {
    const data = event.data as OrderData;
    return [
      { queue: MAIL_QUEUE, name: 'shipping-notice', data },
      { queue: MAIL_QUEUE, name: 'invoice', data },
    ];
  },
};

export async function appendEvent(eventStore: EventStore, type: string, data: OrderData): Promise<{ eventId: string; position: LogPosition }> {
  const event: NewEvent = {
    type,
    data,
    metadata: { actorKeyId: null, actorRole: 'operator', companyId: null, correlationId: 'jobs-tests', causationId: null, occurredAt: '2026-01-01T00:00:00.000Z' },
  };
  const result = await eventStore.append(`order-${data.orderId}`, [event], 'any');
  const [stored] = await eventStore.readStream(`order-${data.orderId}`, result.nextExpectedRevision);
  return { eventId: stored.eventId, position: result.position };
}

/** Polls `check` until it returns true; fails after `deadlineMs` (a hang guard, not a timing claim). */
export async function eventually(check: () => Promise<boolean> | boolean, what: string, deadlineMs = 30_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
