// Default retry and retention policy of every job, and the worker concurrency bounds.
import type { DefaultJobOptions } from 'bullmq';

const SECONDS_PER_DAY = 24 * 60 * 60;

export interface JobPolicy {
  /** Tries in total, the first included. */
  attempts: number;
  /** First retry delay; each next one doubles (BullMQ exponential backoff). */
  backoffDelayMs: number;
  /**
   * How long a completed job (hence its jobId) is kept. Why: BullMQ deduplicates a re-add with the
   * same jobId only while the job exists, and the dispatcher may re-add after a crash between
   * "jobs accepted" and "checkpoint saved". Days, not minutes, so even a long outage is covered.
   */
  keepCompletedSeconds: number;
  /** Upper bound on completed jobs kept per queue, so memory stays bounded. */
  keepCompletedCount: number;
  /** Failed jobs are kept longer: someone has to look at them. */
  keepFailedSeconds: number;
}

export const DEFAULT_JOB_POLICY: JobPolicy = {
  // 8 tries with a 2 s base: retries over about 4 minutes, enough for a flapping webhook target.
  attempts: 8,
  backoffDelayMs: 2_000,
  keepCompletedSeconds: 7 * SECONDS_PER_DAY,
  keepCompletedCount: 50_000,
  keepFailedSeconds: 30 * SECONDS_PER_DAY,
};

export function toDefaultJobOptions(policy: JobPolicy): DefaultJobOptions {
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1) {
    throw new Error(`Job attempts must be a positive integer, got ${policy.attempts}`);
  }
  return {
    attempts: policy.attempts,
    backoff: { type: 'exponential', delay: policy.backoffDelayMs },
    removeOnComplete: { age: policy.keepCompletedSeconds, count: policy.keepCompletedCount },
    removeOnFail: { age: policy.keepFailedSeconds },
  };
}

export const DEFAULT_WORKER_CONCURRENCY = 4;
/** Why a cap: jobs call out (webhooks, PDF rendering); unbounded fan-out would hurt the process. */
export const MAX_WORKER_CONCURRENCY = 64;

export function boundedConcurrency(requested: number | undefined): number {
  const concurrency = requested ?? DEFAULT_WORKER_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_WORKER_CONCURRENCY) {
    throw new Error(`Worker concurrency must be an integer in 1..${MAX_WORKER_CONCURRENCY}, got ${concurrency}`);
  }
  return concurrency;
}
