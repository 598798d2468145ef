// Tamper evidence (DESIGN §3.6): what an event store that keeps each stream as a hash chain offers
// auditors and the public. Only the PostgreSQL adapter does (PostgresHashChainAudit); the
// in-memory adapter keeps no chain and EventStoreDB cannot compute one inside its append.
import type { RecordedEvent, StreamRevision } from './event-store.port';
import type { LogPosition } from './log-position';

/**
 * Why a link does not hold:
 * - `hash_mismatch`: the stored hash is not SHA-256(previous event's stored hash ‖ digest of this
 *   event's stored content), so this event (or its stored hash) was changed;
 * - `revision_gap`: the revision does not follow the previous one (0 first), so events before it
 *   were removed.
 */
export type BrokenLinkReason = 'hash_mismatch' | 'revision_gap';

export interface BrokenLink {
  streamId: string;
  streamRevision: StreamRevision;
  eventId: string;
  position: LogPosition;
  reason: BrokenLinkReason;
}

export interface HashChainReport {
  /** True when every link of every stream holds. */
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  /** Links that do not hold; a changed event breaks one link (its own), not the rest of its stream. */
  brokenLinks: number;
  /** The first broken link in (streamId, streamRevision) order, or null. */
  firstBrokenLink: BrokenLink | null;
}

/**
 * A digest of every stream's head: SHA-256 over one line `streamId:revision:hashHex\n` per
 * stream, sorted by stream id (Unicode code points, i.e. UTF-8 bytes), covering exactly the events
 * at or before `position` (null and the digest of no lines for an empty log).
 */
export interface LedgerHead {
  digest: string;
  position: LogPosition | null;
  streams: number;
  events: number;
}

export interface AuditEventQuery {
  /** Events strictly after this position (null: from the start). */
  after: LogPosition | null;
  limit: number;
  /** Only this stream (exclusive with streamPrefix). */
  streamId?: string;
  /** Only streams whose id starts with this text. */
  streamPrefix?: string;
}

/** A stored event as it is, not upcast, with its link of the stream's hash chain. */
export interface AuditedEvent extends RecordedEvent {
  /** SHA-256 link (hex) of this event in its stream's chain. */
  hash: string;
  /** recorded_at to the microsecond (ISO 8601 UTC), as the hash covers it; recordedAt keeps milliseconds. */
  recordedAtExact: string;
}

export interface HashChainAudit {
  /** Recomputes every link of every stream, in bounded batches. */
  verify(): Promise<HashChainReport>;
  /** The digest of all stream heads as of the newest position every reader can see. */
  ledgerHead(): Promise<LedgerHead>;
  /** Raw events in log order, never skipping one that commits late (the readAll rule). */
  listEvents(query: AuditEventQuery): Promise<AuditedEvent[]>;
}
