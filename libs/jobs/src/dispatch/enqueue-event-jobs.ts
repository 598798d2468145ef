// Turns a batch of events into their jobs and gets them all accepted by the queue backend,
// retrying with bounded backoff for as long as it is unreachable. Never skips: a side effect is
// delayed, not lost; a retry re-adds jobs already accepted, which their fixed ids make harmless.
import type { RecordedEvent } from '@lib/event-store';
import type { Clock } from '@lib/kernel';
import { JobRoutes, planJobs } from '../job-routes';
import type { JobQueues, JobToAdd } from '../job-queues';
import { errorContext, JobsLogger } from '../jobs-logger';
import { BackoffPolicy, backoffDelayMs, sleep } from '../retry-backoff';

/**
 * Drops the jobs of a batch known in advance to have nothing to do (a notification nobody
 * subscribes to), with one look-up per batch instead of a job each. It must keep every job that
 * could do something: a dropped job is never added. A failure is retried like a failed add.
 */
export type JobScreen = (jobs: readonly JobToAdd[]) => Promise<readonly JobToAdd[]>;

export interface EnqueueContext {
  consumer: string;
  queues: JobQueues;
  routes: JobRoutes;
  screen?: JobScreen;
  logger: JobsLogger;
  clock: Clock;
  backoff: BackoffPolicy;
  enqueueTimeoutMs: number;
  signal: AbortSignal;
  /** Told about each failed attempt (for status and metrics). */
  onRetry: (error: unknown) => void;
}

/** Number of jobs accepted for the events, or null when stopped before they were. */
export async function enqueueEventJobs(events: readonly RecordedEvent[], context: EnqueueContext): Promise<number | null> {
  for (let attempt = 1; !context.signal.aborted; attempt += 1) {
    // Planned again on each attempt: `runAt` delays are relative to the moment of the add.
    const now = context.clock.now();
    let jobs: readonly JobToAdd[] = events.flatMap((event) => planJobs(event, context.routes, now));
    if (jobs.length === 0) return 0;
    try {
      if (context.screen !== undefined) jobs = await context.screen(jobs);
      if (jobs.length === 0) return 0;
      await context.queues.addAll(jobs, context.enqueueTimeoutMs);
      if (attempt > 1) {
        context.logger.info({ consumer: context.consumer, eventIds: eventIdsOf(events), attempts: attempt }, 'jobs enqueued after retries');
      }
      return jobs.length;
    } catch (error) {
      context.onRetry(error);
      const retryInMs = backoffDelayMs(context.backoff, attempt);
      context.logger.warn(
        {
          consumer: context.consumer,
          eventIds: eventIdsOf(events),
          eventTypes: [...new Set(events.map((event) => event.type))],
          queues: [...new Set(jobs.map((job) => job.queue))],
          attempt,
          retryInMs,
          ...errorContext(error),
        },
        'could not enqueue jobs; retrying (later events wait, appends are not affected)',
      );
      await sleep(retryInMs, context.signal);
    }
  }
  return null;
}

/** The first and last event ids of a batch (a log line stays small whatever the batch size). */
function eventIdsOf(events: readonly RecordedEvent[]): string[] {
  return events.length <= 2 ? events.map((event) => event.eventId) : [events[0].eventId, `… ${events.length - 2} more …`, events[events.length - 1].eventId];
}
