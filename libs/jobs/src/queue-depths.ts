// Queue sizes for /metrics and readiness: how much work waits, runs, is scheduled or has failed.
import { JobQueues } from './job-queues';

export interface QueueDepth {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/**
 * Depths of the named queues (default: every queue opened through `queues`). Rejects when the
 * backend is unreachable, so a metrics scrape shows the outage instead of zeros.
 */
export async function queueDepths(queues: JobQueues, names: readonly string[] = queues.names()): Promise<QueueDepth[]> {
  return Promise.all(
    names.map(async (name) => {
      const counts = await queues.get(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
      return {
        queue: name,
        // Why add prioritized: BullMQ keeps prioritized jobs apart from `waiting`, but both wait.
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
      };
    }),
  );
}
