// Turns an EventStoreDB $all subscription into the port's AsyncIterable: filtered server-side to
// our streams, started strictly after a stored position, ended cleanly by an AbortSignal or close().
import { AllStreamResolvedEvent, EventStoreDBClient, excludeSystemEvents, Filter, streamNameFilter } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';
import { comparePositions, LogPosition } from '../log-position';
import { isOurEvent, toEsdbReadPosition, toRecordedEvent } from './eventstoredb-mapping';

export interface AllSubscriptionRequest {
  after: LogPosition | null;
  streamPrefixes: readonly string[];
  /** Ends the iteration: the caller's signal, or the store closing. */
  signal: AbortSignal;
  present: (event: RecordedEvent) => RecordedEvent;
}

const ABORTED = Symbol('aborted');

/** Server-side filter: our stream prefixes when configured, else every non-system event type. */
export function subscriptionFilter(streamPrefixes: readonly string[]): Filter {
  return streamPrefixes.length > 0 ? streamNameFilter({ prefixes: [...streamPrefixes] }) : excludeSystemEvents();
}

export async function* subscribeToOurEvents(client: EventStoreDBClient, request: AllSubscriptionRequest): AsyncGenerator<RecordedEvent> {
  const { signal, after, streamPrefixes } = request;
  if (signal.aborted) return;
  const subscription = client.subscribeToAll({ fromPosition: toEsdbReadPosition(after), filter: subscriptionFilter(streamPrefixes) });
  const iterator: AsyncIterator<AllStreamResolvedEvent> = subscription[Symbol.asyncIterator]();
  let onAbort = (): void => undefined;
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    let cursor = after;
    for (;;) {
      // Race each read against the signal: a cancelled gRPC stream does not always end the
      // iterator, so waiting on it alone could hang a stopping subscriber.
      const pending = iterator.next();
      pending.catch(() => undefined);
      const next = await Promise.race([pending, aborted]);
      if (next === ABORTED || next.done) return;
      const event = next.value.event;
      if (!event || !isOurEvent(event, streamPrefixes)) continue;
      // The server starts after `after`; the check keeps the promise if a server replays it.
      if (cursor !== null && comparePositions(event.position, cursor) <= 0) continue;
      cursor = event.position;
      yield request.present(toRecordedEvent(event));
      if (signal.aborted) return;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    await subscription.unsubscribe().catch(() => undefined);
    subscription.destroy();
  }
}
