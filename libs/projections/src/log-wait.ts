// Waiting without busy loops: abortable sleeps, and "sleep until the log grows" on top of the
// event store's subscription (LISTEN/NOTIFY for PostgreSQL), bounded so polling remains the fallback.
import type { EventStore, LogPosition } from '@lib/event-store';

/** Resolves after `ms`, or as soon as `signal` aborts. Never rejects. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function whenAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** How a wait for the log ended: an event is there, the time ran out (or the caller stopped), or the subscription failed. */
export type LogWaitOutcome = { kind: 'appended' } | { kind: 'timeout' } | { kind: 'failed'; error: unknown };

/**
 * Resolves when an event after `after` is available, after at most `maxWaitMs`, or when `signal`
 * aborts. A failed subscription is reported for the caller to log (the wait is then slept out:
 * polling is the fallback).
 */
export async function waitForLogAfter(
  eventStore: EventStore,
  after: LogPosition | null,
  maxWaitMs: number,
  signal: AbortSignal,
): Promise<LogWaitOutcome> {
  // An abort that came before this call would never fire the listener below.
  if (signal.aborted) return { kind: 'timeout' };
  const deadline = Date.now() + maxWaitMs;
  const wait = new AbortController();
  const stop = (): void => wait.abort();
  signal.addEventListener('abort', stop, { once: true });
  const timer = setTimeout(stop, maxWaitMs);
  let iterator: AsyncIterator<unknown> | undefined;
  let outcome: LogWaitOutcome;
  try {
    iterator = eventStore.subscribe(after, { signal: wait.signal, batchSize: 1 })[Symbol.asyncIterator]();
    const next = iterator.next();
    next.catch(() => undefined);
    // Raced against the abort too, so an adapter slow to honour its signal cannot hold us.
    outcome = await Promise.race([
      next.then(
        (result): LogWaitOutcome => {
          if (result.done !== true) return { kind: 'appended' };
          return wait.signal.aborted ? { kind: 'timeout' } : { kind: 'failed', error: new Error('subscription ended on its own') };
        },
        (error: unknown): LogWaitOutcome => ({ kind: 'failed', error }),
      ),
      whenAborted(wait.signal).then((): LogWaitOutcome => ({ kind: 'timeout' })),
    ]);
  } catch (error) {
    outcome = { kind: 'failed', error };
  } finally {
    wait.abort();
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
    iterator?.return?.()?.catch(() => undefined);
  }
  if (outcome.kind === 'failed') await sleep(Math.max(0, deadline - Date.now()), signal);
  return outcome;
}
