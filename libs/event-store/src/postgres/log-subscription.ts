// A catch-up subscription to the whole log: reads batches with readAll from the last delivered
// position, and when it has caught up, waits for a wake-up (an append here, a NOTIFY from anywhere)
// or the poll interval. Polling is not only for lost notifications: a late-committing transaction
// makes the events after it visible only when it ends, and nothing may announce that moment.
// Delivery follows readAll's order and only moves forward, so no event comes twice or out of order.
import type { RecordedEvent } from '../event-store.port';
import type { LogPosition } from '../log-position';
import type { WakeSignal } from './append-signal';

export interface LogSubscriptionParams {
  after: LogPosition | null;
  batchSize: number;
  pollIntervalMs: number;
  /** The subscription ends, without error, when any of them aborts. */
  signals: readonly AbortSignal[];
  /** Wakes the subscription when the log may have grown. */
  appendSignal: WakeSignal;
  readAll(after: LogPosition | null, limit: number): Promise<RecordedEvent[]>;
}

/**
 * A read that fails while the subscription runs ends it with that error (the consumer restarts
 * from its checkpoint); a read cut short because the subscription was stopped ends it quietly.
 */
export async function* followLog(params: LogSubscriptionParams): AsyncGenerator<RecordedEvent> {
  const { batchSize, pollIntervalMs, appendSignal } = params;
  const stop = new AbortController();
  const abort = (): void => stop.abort();
  for (const signal of params.signals) {
    if (signal.aborted) stop.abort();
    else signal.addEventListener('abort', abort, { once: true });
  }
  try {
    // Not awaited: once LISTEN is in place the signal wakes every waiter, so an append committed
    // between the first read and that moment is read then; and a slow connect never delays reads.
    void appendSignal.listen();
    let cursor = params.after;
    while (!stop.signal.aborted) {
      const seen = appendSignal.seen;
      let batch: RecordedEvent[];
      try {
        batch = await params.readAll(cursor, batchSize);
      } catch (error) {
        if (stop.signal.aborted) return;
        throw error;
      }
      for (const event of batch) {
        if (stop.signal.aborted) return;
        yield event;
        cursor = event.position;
      }
      if (batch.length < batchSize) await appendSignal.waitForAppend(seen, pollIntervalMs, stop.signal);
    }
  } finally {
    for (const signal of params.signals) signal.removeEventListener('abort', abort);
  }
}
