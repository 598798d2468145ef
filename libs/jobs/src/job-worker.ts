// The consumer side: a BullMQ Worker on either backend with bounded concurrency and logged failures.
import { IQueueBackend, Job, Worker } from 'bullmq';
import { boundedConcurrency } from './job-defaults';
import { assertQueueName } from './job-queues';
import { bullBackendOptions, describeConnection, JobsConfig } from './jobs-connection';
import { errorContext, JobsLogger, silentJobsLogger } from './jobs-logger';

/** The job a processor receives; its id is the dispatcher's deterministic id (the event id). */
export type QueuedJob<TData = unknown> = Job<TData, unknown, string>;

export type JobProcessor<TData = unknown> = (job: QueuedJob<TData>) => Promise<unknown>;

export type JobWorker<TData = unknown> = Worker<TData, unknown, string, IQueueBackend>;

export interface JobWorkerOptions {
  /** Jobs run at once by this worker (default 4, at most 64). */
  concurrency?: number;
  logger?: JobsLogger;
  /** Start fetching jobs immediately (default true). */
  autorun?: boolean;
}

export function createJobWorker<TData = unknown>(
  config: JobsConfig,
  queueName: string,
  processor: JobProcessor<TData>,
  options: JobWorkerOptions = {},
): JobWorker<TData> {
  assertQueueName(queueName);
  const logger = options.logger ?? silentJobsLogger;
  const { connection, prefix, backendFactory } = bullBackendOptions(config, 'worker');
  const worker = new Worker(
    queueName,
    processor,
    { connection, prefix, concurrency: boundedConcurrency(options.concurrency), autorun: options.autorun ?? true },
    backendFactory,
  ) as unknown as JobWorker<TData>;
  const backend = describeConnection(config.connection);
  // Without a listener an 'error' event would crash the process; outages are expected and retried.
  worker.on('error', (error: Error) => logger.warn({ queue: queueName, backend, ...errorContext(error) }, 'job worker connection error'));
  worker.on('failed', (job: QueuedJob<TData> | undefined, error: Error) =>
    logger.warn(
      { queue: queueName, jobId: job?.id, jobName: job?.name, attemptsMade: job?.attemptsMade, ...errorContext(error) },
      'job attempt failed',
    ),
  );
  return worker;
}
