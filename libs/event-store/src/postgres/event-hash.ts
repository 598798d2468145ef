// The hash chain's definition in TypeScript, mirroring event_content_digest and event_link_hash
// (add-hash-chain.migration.ts). The verifier recomputes every link with these from the stored
// columns' text, so a replaced SQL function cannot vouch for itself; hash-chain.spec.ts checks that
// both sides agree.
import { createHash } from 'crypto';

export const HASH_BYTES = 32;

/** An event's stored fields as PostgreSQL prints them: the text its hash covers. */
export interface CanonicalEventFields {
  /** Lower-case UUID text. */
  eventId: string;
  streamId: string;
  streamRevision: number;
  type: string;
  schemaVersion: number;
  /** `extract(epoch FROM recorded_at)::text`: epoch seconds with six decimals, e.g. "1767225600.123456". */
  recordedAtEpoch: string;
  /** `data::text` (jsonb text: sorted keys, fixed spacing, no raw newline). */
  dataText: string;
  /** `metadata::text`. */
  metadataText: string;
}

/**
 * Newline-separated fields; the two free-form ones (stream id, type) carry their length in UTF-8
 * bytes so no value can imitate a separator. jsonb text cannot hold a raw newline.
 */
export function canonicalEventText(fields: CanonicalEventFields): string {
  return [
    fields.eventId,
    `${Buffer.byteLength(fields.streamId, 'utf8')}:${fields.streamId}`,
    String(fields.streamRevision),
    `${Buffer.byteLength(fields.type, 'utf8')}:${fields.type}`,
    String(fields.schemaVersion),
    fields.recordedAtEpoch,
    fields.dataText,
    fields.metadataText,
  ].join('\n');
}

/** SHA-256 of the canonical text (UTF-8). */
export function eventContentDigest(fields: CanonicalEventFields): Buffer {
  return createHash('sha256').update(canonicalEventText(fields), 'utf8').digest();
}

/** An event's hash: SHA-256(previous event's hash ‖ content digest); no previous hash at revision 0. */
export function linkHash(previous: Buffer | null, digest: Buffer): Buffer {
  const hash = createHash('sha256');
  if (previous !== null) hash.update(previous);
  return hash.update(digest).digest();
}
