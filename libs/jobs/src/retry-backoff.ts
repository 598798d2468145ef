// Bounded exponential backoff for the dispatcher's own retries (enqueue while the queue backend
// is down, re-subscribe after a read error), and a sleep that a stop can cut short.

export interface BackoffPolicy {
  initialDelayMs: number;
  /** Ceiling: an outage of hours must not turn into hour-long waits once the backend is back. */
  maxDelayMs: number;
}

export const DEFAULT_DISPATCH_BACKOFF: BackoffPolicy = { initialDelayMs: 100, maxDelayMs: 5_000 };

/** Delay before retry number `attempt` (1-based): initial × 2^(attempt-1), capped, with ±20% jitter. */
export function backoffDelayMs(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
  // Why jitter: several replicas retrying in lockstep would hammer a recovering Redis together.
  const jitter = 0.8 + 0.4 * random();
  return Math.round(Math.min(policy.maxDelayMs, base * jitter));
}

export { sleep } from '@lib/kernel';

export class TimeoutError extends Error {
  readonly code = 'JOBS.TIMEOUT';
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Rejects with TimeoutError if `promise` takes longer than `ms`. The work itself is not
 * cancelled; callers use this only for idempotent work (adds with a fixed jobId).
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
