// Checks and copies of the in-memory adapter's append, kept apart from its log bookkeeping.
import { isUuid } from '@lib/kernel';
import { DuplicateEventId } from '../event-store.errors';
import type { ExpectedRevision, NewEvent, StreamRevision } from '../event-store.port';

export function revisionMatches(expected: ExpectedRevision, actual: StreamRevision | 'no_stream'): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 'no_stream';
  if (expected === 'stream_exists') return actual !== 'no_stream';
  return expected === actual;
}

export function assertAppendable(streamId: string, events: readonly NewEvent[]): void {
  if (streamId.length === 0) throw new TypeError('streamId must not be empty');
  if (events.length === 0) throw new RangeError(`append to ${streamId} needs at least one event`);
  const ids = new Set<string>();
  for (const event of events) {
    if (event.eventId === undefined) continue;
    if (!isUuid(event.eventId)) throw new TypeError(`eventId must be a UUID, got ${String(event.eventId).slice(0, 40)}`);
    if (ids.has(event.eventId)) throw new DuplicateEventId(event.eventId);
    ids.add(event.eventId);
  }
}

/** Data goes through JSON as in the durable adapters (Dates become strings, bigints throw). */
export function viaJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
