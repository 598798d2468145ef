// Waiting without busy loops: abortable sleeps, and "sleep until the log grows" on top of the
// event store's subscription (LISTEN/NOTIFY for PostgreSQL), bounded so polling remains the fallback.
import type { EventStore, LogPosition } from '@lib/event-store';
import { sleep } from '@lib/kernel';

export { sleep };

function whenAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * Resolves when an event after `after` is available, after at most `maxWaitMs`, or when `signal`
 * aborts. Returns the subscription's error, if it failed, for the caller to log (it then sleeps
 * out the wait: polling is the fallback).
 */
export async function waitForLogAfter(
  eventStore: EventStore,
  after: LogPosition | null,
  maxWaitMs: number,
  signal: AbortSignal,
): Promise<unknown> {
  // An abort that came before this call would never fire the listener below: the wait would last maxWaitMs.
  if (signal.aborted) return null;
  const deadline = Date.now() + maxWaitMs;
  const wait = new AbortController();
  const stop = (): void => wait.abort();
  signal.addEventListener('abort', stop, { once: true });
  const timer = setTimeout(stop, maxWaitMs);
  let iterator: AsyncIterator<unknown> | undefined;
  let failure: unknown = null;
  try {
    iterator = eventStore.subscribe(after, { signal: wait.signal, batchSize: 1 })[Symbol.asyncIterator]();
    const next = iterator.next();
    next.catch(() => undefined);
    // Raced against the abort too, so an adapter slow to honour its signal cannot hold us.
    const outcome = await Promise.race([
      next.then(
        (result) => (result.done === true && !wait.signal.aborted ? new Error('subscription ended on its own') : null),
        (error: unknown) => error,
      ),
      whenAborted(wait.signal).then(() => null),
    ]);
    failure = outcome;
  } catch (error) {
    failure = error;
  } finally {
    wait.abort();
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
    iterator?.return?.()?.catch(() => undefined);
  }
  if (failure !== null) await sleep(Math.max(0, deadline - Date.now()), signal);
  return failure;
}
