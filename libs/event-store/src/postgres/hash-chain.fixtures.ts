// Test-only helpers of the hash-chain specs: the stored rows of a stream as the hash covers them,
// the chain recomputed from them, and changes made behind the immutability trigger's back.
import type { Client } from 'pg';
import { eventContentDigest, linkHash } from './event-hash';
import { onConnection } from './postgres-event-store.fixtures';

export interface StoredLink {
  eventId: string;
  streamId: string;
  streamRevision: number;
  type: string;
  schemaVersion: number;
  recordedAtEpoch: string;
  dataText: string;
  metadataText: string;
  hash: string;
}

const STORED_SQL = `
SELECT event_id::text AS "eventId", stream_id AS "streamId", stream_revision::int AS "streamRevision", type,
       schema_version AS "schemaVersion", extract(epoch FROM recorded_at)::text AS "recordedAtEpoch",
       data::text AS "dataText", metadata::text AS "metadataText", encode(hash, 'hex') AS hash
FROM events WHERE stream_id = $1 ORDER BY stream_revision`;

export async function storedChain(url: string, streamId: string): Promise<StoredLink[]> {
  return onConnection(url, async (client) => (await client.query<StoredLink>(STORED_SQL, [streamId])).rows);
}

/** What each stored event's hash must be: SHA-256(previous stored hash ‖ digest of its content). */
export function expectedHashes(links: readonly StoredLink[]): string[] {
  return links.map((link, index) => {
    const previous = index === 0 ? null : Buffer.from(links[index - 1].hash, 'hex');
    return linkHash(previous, eventContentDigest(link)).toString('hex');
  });
}

/** Runs `work` as the database superuser with triggers off (session_replication_role = replica). */
export async function behindTheTrigger<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  return onConnection(url, async (client) => {
    await client.query('BEGIN');
    try {
      await client.query('SET LOCAL session_replication_role = replica');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  });
}
