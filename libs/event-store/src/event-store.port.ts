// The EventStore port (DESIGN §3.3): what every adapter (PostgreSQL, EventStoreDB, in-memory)
// offers and what the contract suite checks. Application code depends on this file only.
import { LogPosition } from './log-position';

/** 0-based revision of an event inside its stream. */
export type StreamRevision = number;

/**
 * What the writer believes about the stream before appending:
 * a revision (the last event it read), `no_stream`, `stream_exists`, or `any` (no check).
 */
export type ExpectedRevision = StreamRevision | 'no_stream' | 'stream_exists' | 'any';

/** Who did it, when, and why (rule R9). Adapters store it verbatim. */
export interface EventMetadata {
  actorKeyId: string | null;
  actorRole: string | null;
  companyId: string | null;
  correlationId: string;
  causationId: string | null;
  idempotencyKey?: string | null;
  /** ISO 8601 UTC; comes from the command, never from the adapter's clock. */
  occurredAt: string;
}

/** An event the caller wants to append. A missing eventId is generated (UUID v7). */
export interface NewEvent<TType extends string = string, TData = unknown> {
  eventId?: string;
  type: TType;
  schemaVersion?: number;
  data: TData;
  metadata: EventMetadata;
}

/** An event as stored, with its place in its stream and in the global log. */
export interface RecordedEvent<TType extends string = string, TData = unknown> {
  eventId: string;
  type: TType;
  schemaVersion: number;
  streamId: string;
  streamRevision: StreamRevision;
  position: LogPosition;
  data: TData;
  metadata: EventMetadata;
  recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the last event of the stream after the append: pass it as the next expectedRevision. */
  nextExpectedRevision: StreamRevision;
  /** Log position of the last appended event (for read-your-writes, `X-Log-Position`). */
  position: LogPosition;
}

export interface SubscribeOptions {
  /** Stops the subscription; the iterator then ends without error. */
  signal?: AbortSignal;
  /** Events fetched per read (bounded). */
  batchSize?: number;
}

export interface EventStore {
  /**
   * Appends all events or none. Throws WrongExpectedRevision when the stream is not where the
   * caller expected. Appending events whose ids are already stored in that stream, in the same
   * order, is a no-op that returns the original result (idempotent retries).
   */
  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;

  /**
   * Events of one stream from `fromRevision` (inclusive), at most `maxCount` of them (default:
   * all; a positive integer, else RangeError). Throws StreamNotFound when it has none.
   */
  readStream(streamId: string, fromRevision?: StreamRevision, maxCount?: number): Promise<RecordedEvent[]>;

  /**
   * Up to `limit` events of the whole log strictly after `after` (null: from the start), in log
   * order. Never skips an event that commits late: it only returns what no open transaction can
   * still precede.
   */
  readAll(after: LogPosition | null, limit: number): Promise<RecordedEvent[]>;

  /**
   * readAll for followers of the log (projections, reactors): the same events in the same order,
   * but the answer may trail the log by a moment, as an adapter may serve it from recent events
   * shared by the process's followers. Wait with `subscribe` when it comes back short. Use readAll
   * when the answer must include everything committed before the call (read-your-writes).
   */
  readAllFollowing(after: LogPosition | null, limit: number): Promise<RecordedEvent[]>;

  /** Catch-up then live subscription to the whole log strictly after `after`. */
  subscribe(after: LogPosition | null, options?: SubscribeOptions): AsyncIterable<RecordedEvent>;

  /** Releases connections and stops subscriptions. */
  close(): Promise<void>;
}
