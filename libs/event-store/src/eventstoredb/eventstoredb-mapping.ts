// Pure translations between our EventStore port and @eventstore/db-client: expected revisions,
// positions, the stored event shape, and which events of $all are ours. No I/O here, so all of it
// is unit-tested without a server (eventstoredb-mapping.spec.ts).
import { isUuid, newId } from '@lib/kernel';
import type {
  AllStreamRecordedEvent,
  AppendExpectedRevision,
  CurrentRevision,
  JSONEventData,
  Position,
  ReadPosition,
  RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { DuplicateEventId } from '../event-store.errors';
import type { EventMetadata, ExpectedRevision, NewEvent, RecordedEvent, StreamRevision } from '../event-store.port';
import type { LogPosition } from '../log-position';

/** A NewEvent whose id has been fixed, so a retried append sends the very same ids. */
export type IdentifiedEvent = NewEvent & { eventId: string };

/**
 * What goes into EventStoreDB's metadata: our metadata plus the schema version, wrapped so neither
 * can collide with the other. `$correlationId`/`$causationId` are the names EventStoreDB's own
 * projections ($by_correlation_id) understand.
 */
export interface StoredMetadata {
  schemaVersion: number;
  metadata: EventMetadata;
  $correlationId: string;
  $causationId?: string;
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return 'any';
    case 'no_stream':
      return 'no_stream';
    case 'stream_exists':
      return 'stream_exists';
    default:
      if (!Number.isSafeInteger(expected) || expected < 0) throw new RangeError(`Expected revision must be a revision ≥ 0, got ${String(expected)}`);
      return BigInt(expected);
  }
}

export function toActualRevision(current: CurrentRevision): StreamRevision | 'no_stream' {
  return current === 'no_stream' ? 'no_stream' : toStreamRevision(current);
}

export function toStreamRevision(revision: bigint): StreamRevision {
  const asNumber = Number(revision);
  if (!Number.isSafeInteger(asNumber) || asNumber < 0) throw new RangeError(`Stream revision ${revision} is out of range`);
  return asNumber;
}

export function toLogPosition(position: Position): LogPosition {
  return { commit: position.commit, prepare: position.prepare };
}

/** Where EventStoreDB should start reading: the start of $all, or at `after` (callers skip `after` itself). */
export function toEsdbReadPosition(after: LogPosition | null): ReadPosition {
  return after === null ? 'start' : { commit: after.commit, prepare: after.prepare };
}

/** Gives missing ids (UUID v7) and refuses what EventStoreDB would store but our port forbids. */
export function identifyEvents(streamId: string, events: readonly NewEvent[]): IdentifiedEvent[] {
  if (streamId.length === 0) throw new TypeError('streamId must not be empty');
  if (streamId.startsWith('$')) throw new TypeError(`Stream ${streamId} is reserved for EventStoreDB system streams`);
  if (events.length === 0) throw new RangeError(`append to ${streamId} needs at least one event`);
  const seen = new Set<string>();
  return events.map((event) => {
    const eventId = event.eventId ?? newId();
    if (!isUuid(eventId)) throw new TypeError(`eventId must be a UUID, got ${String(eventId).slice(0, 40)}`);
    if (seen.has(eventId)) throw new DuplicateEventId(eventId);
    if (event.type.startsWith('$')) throw new TypeError(`Event type ${event.type} is reserved for EventStoreDB system events`);
    seen.add(eventId);
    return { ...event, eventId };
  });
}

export function toEventData(event: IdentifiedEvent): JSONEventData {
  const stored: StoredMetadata = {
    schemaVersion: event.schemaVersion ?? 1,
    metadata: event.metadata,
    $correlationId: event.metadata.correlationId,
    ...(event.metadata.causationId === null ? {} : { $causationId: event.metadata.causationId }),
  };
  return {
    id: event.eventId,
    contentType: 'application/json',
    type: event.type,
    // JSONEventData wants a JSON object type; our data is any JSON value the caller chose.
    data: event.data as JSONEventData['data'],
    metadata: stored as unknown as JSONEventData['metadata'],
  };
}

/** System events ($-prefixed streams or types) are EventStoreDB's own, never part of our log. */
export function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

/** Our events: not system events, and in one of `streamPrefixes` when any are configured. */
export function isOurEvent(event: { streamId: string; type: string }, streamPrefixes: readonly string[]): boolean {
  if (isSystemEvent(event)) return false;
  return streamPrefixes.length === 0 || streamPrefixes.some((prefix) => event.streamId.startsWith(prefix));
}

export function toRecordedEvent(event: EsdbRecordedEvent | AllStreamRecordedEvent): RecordedEvent {
  if (!event.isJson) throw new TypeError(`Event ${event.id} in ${event.streamId} is not JSON: it was not written by this adapter`);
  // Stream reads carry positions only from EventStoreDB 22.6 on; older servers send zeros.
  if (!event.position || (event.position.commit === 0n && event.position.prepare === 0n)) {
    throw new Error(`Event ${event.id} has no log position: EventStoreDB 22.6 or later is required`);
  }
  const stored = readStoredMetadata(event.metadata, event.id);
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: stored.schemaVersion,
    streamId: event.streamId,
    streamRevision: toStreamRevision(event.revision),
    position: toLogPosition(event.position),
    data: event.data,
    metadata: stored.metadata,
    recordedAt: new Date(event.created.getTime()),
  };
}

function readStoredMetadata(metadata: unknown, eventId: string): { schemaVersion: number; metadata: EventMetadata } {
  const stored = metadata as Partial<StoredMetadata> | undefined;
  if (!stored || typeof stored !== 'object' || !Number.isSafeInteger(stored.schemaVersion) || typeof stored.metadata !== 'object' || stored.metadata === null) {
    throw new TypeError(`Event ${eventId} has no registry metadata: it was not written by this adapter`);
  }
  return { schemaVersion: stored.schemaVersion as number, metadata: stored.metadata };
}
