// The producer side: one BullMQ Queue per queue name, opened lazily with our defaults, closed together.
import { IQueueBackend, Queue } from 'bullmq';
import { DEFAULT_JOB_POLICY, JobPolicy, toDefaultJobOptions } from './job-defaults';
import { bullBackendOptions, describeConnection, JobsConfig } from './jobs-connection';
import { errorContext, JobsLogger, silentJobsLogger } from './jobs-logger';
import { withTimeout } from './retry-backoff';

/** A Queue on either backend; job data is JSON chosen by the route, so it stays `unknown` here. */
export type JobQueue = Queue<unknown, unknown, string, unknown, unknown, string, IQueueBackend, unknown>;

/** A job ready to be added: the dispatcher computes its deterministic id. */
export interface JobToAdd {
  queue: string;
  name: string;
  data: unknown;
  jobId: string;
  delayMs: number;
}

export interface JobQueuesOptions extends JobsConfig {
  logger?: JobsLogger;
  /** Policy for every queue unless overridden below. */
  policy?: Partial<JobPolicy>;
  /** Per-queue overrides, e.g. more attempts for webhook delivery. */
  policies?: Readonly<Record<string, Partial<JobPolicy>>>;
}

/** BullMQ forbids ':' in queue names and job ids (it is its key separator). */
const QUEUE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function assertQueueName(name: string): void {
  if (!QUEUE_NAME_PATTERN.test(name)) throw new Error(`Invalid queue name "${name}"`);
}

function jobOptions(job: JobToAdd): { jobId: string; delay?: number } {
  if (job.jobId.includes(':')) throw new Error(`Job id "${job.jobId}" must not contain ':'`);
  const delay = Math.max(0, Math.trunc(job.delayMs));
  return { jobId: job.jobId, ...(delay > 0 ? { delay } : {}) };
}

export class JobQueues {
  private readonly queues = new Map<string, JobQueue>();
  private readonly logger: JobsLogger;
  private closed = false;

  constructor(private readonly options: JobQueuesOptions) {
    this.logger = options.logger ?? silentJobsLogger;
  }

  get config(): JobsConfig {
    return { connection: this.options.connection, prefix: this.options.prefix };
  }

  /** Names of the queues opened so far. */
  names(): string[] {
    return [...this.queues.keys()];
  }

  get(name: string): JobQueue {
    if (this.closed) throw new Error('JobQueues is closed');
    const existing = this.queues.get(name);
    if (existing) return existing;
    assertQueueName(name);
    const { connection, prefix, backendFactory } = bullBackendOptions(this.options, 'producer');
    const policy: JobPolicy = { ...DEFAULT_JOB_POLICY, ...this.options.policy, ...this.options.policies?.[name] };
    const queue = new Queue(name, { connection, prefix, defaultJobOptions: toDefaultJobOptions(policy) }, backendFactory) as unknown as JobQueue;
    // Without a listener an 'error' event would crash the process; Redis outages are expected.
    queue.on('error', (error: Error) =>
      this.logger.warn({ queue: name, backend: describeConnection(this.options.connection), ...errorContext(error) }, 'job queue connection error'),
    );
    this.queues.set(name, queue);
    return queue;
  }

  /**
   * Adds one job. A job whose id is already stored (waiting, active, delayed, completed or failed
   * and still retained) is not added again: that is what makes re-dispatch harmless.
   */
  async add(job: JobToAdd): Promise<void> {
    await this.get(job.queue).add(job.name, job.data, jobOptions(job));
  }

  /** Adds jobs of one queue in one round trip (BullMQ's addBulk pipelines them); same dedup by id as `add`. */
  private async addToQueue(name: string, jobs: readonly JobToAdd[]): Promise<void> {
    if (jobs.length === 1) return this.add(jobs[0]);
    await this.get(name).addBulk(jobs.map((job) => ({ name: job.name, data: job.data, opts: jobOptions(job) })));
  }

  /**
   * Adds all `jobs` or fails within `timeoutMs` (then some may have been added: retrying is safe,
   * ids are fixed). Why the readiness step: a queue opened while its backend is down waits for it;
   * an attempt that timed out must not fire its adds later, piling up one batch per retry.
   */
  async addAll(jobs: readonly JobToAdd[], timeoutMs: number): Promise<void> {
    const attempt = { abandoned: false };
    const byQueue = new Map<string, JobToAdd[]>();
    for (const job of jobs) {
      const queued = byQueue.get(job.queue);
      if (queued === undefined) byQueue.set(job.queue, [job]);
      else queued.push(job);
    }
    const work = async (): Promise<void> => {
      await Promise.all([...byQueue.keys()].map((name) => this.ready(name)));
      if (attempt.abandoned) throw new Error('enqueue attempt abandoned after its timeout');
      await Promise.all([...byQueue].map(([name, queued]) => this.addToQueue(name, queued)));
    };
    try {
      await withTimeout(work(), timeoutMs, `adding ${jobs.length} job(s)`);
    } catch (error) {
      attempt.abandoned = true;
      throw error;
    }
  }

  /**
   * Resolves when the queue's backend is connected. Why discard on failure: BullMQ memoizes a
   * failed start (the PostgreSQL backend's bootstrap, a Redis client that ended), so that Queue
   * object would never recover; the next call opens a fresh one.
   */
  private async ready(name: string): Promise<void> {
    const queue = this.get(name);
    try {
      await queue.waitUntilReady();
    } catch (error) {
      if (this.queues.get(name) === queue) this.queues.delete(name);
      void queue.close().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.allSettled(queues.map((queue) => queue.close()));
  }
}
