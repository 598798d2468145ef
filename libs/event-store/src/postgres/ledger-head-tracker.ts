// The published ledger head (GET /v1/public/ledger-head): a digest of every stream's head, kept
// up to date incrementally. Each refresh reads only the events after the position already covered
// (their stream, revision and hash: about 100 bytes each), in bounded batches, up to the catch-up
// horizon seen when it starts, so it never skips an event that commits late and always ends.
// Memory: one entry per stream (about 200 bytes), the only state; a restart rebuilds it from the log.
import { createHash } from 'crypto';
import type { LedgerHead } from '../hash-chain.port';
import type { LogPosition } from '../log-position';
import { READ_HORIZON_SQL } from './add-read-horizon.migration';
import type { SqlRows } from './sql-rows';

const HEAD_BATCH_SIZE = 10_000;


// Rows below the horizon are final: no event writer older than it is still open (DESIGN §3.3).
const HEADS_AFTER_SQL = `
SELECT stream_id, stream_revision::text AS stream_revision, encode(hash, 'hex') AS hash,
       tx_id::text AS commit_position, seq::text AS prepare_position
FROM events
WHERE tx_id < $3::text::xid8 AND (tx_id, seq) > ($1::text::xid8, $2::bigint)
ORDER BY tx_id, seq
LIMIT $4`;

interface HeadRow {
  stream_id: string;
  stream_revision: string;
  hash: string;
  commit_position: string;
  prepare_position: string;
}

interface StreamHead {
  revision: number;
  hash: string;
}

/**
 * Orders strings by Unicode code point, which is also UTF-8 byte order. JavaScript's `<` compares
 * UTF-16 units, which puts surrogates (U+D800–DFFF, halves of code points above U+FFFF) before
 * U+E000–FFFF; code point order puts them after.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** The digest of LedgerHead: SHA-256 over `streamId:revision:hash\n` lines in code point order of streamId. */
export function ledgerDigest(heads: Iterable<readonly [streamId: string, revision: number, hash: string]>): string {
  const digest = createHash('sha256');
  for (const [streamId, revision, hash] of heads) digest.update(`${streamId}:${revision}:${hash}\n`, 'utf8');
  return digest.digest('hex');
}

export class LedgerHeadTracker {
  private readonly heads = new Map<string, StreamHead>();
  private sortedStreamIds: string[] = [];
  private position: LogPosition | null = null;
  private events = 0;
  private digest = ledgerDigest([]);
  /** Set as rows are applied, cleared once the digest covers them: a refresh that fails half-way leaves them set. */
  private digestStale = false;
  private streamsAdded = false;
  private refreshing: Promise<LedgerHead> | null = null;

  constructor(private readonly sql: SqlRows) {}

  /** Catches up with the log and returns the head; concurrent callers share one refresh. */
  current(): Promise<LedgerHead> {
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<LedgerHead> {
    const [{ horizon }] = await this.sql<{ horizon: string }>(READ_HORIZON_SQL, []);
    for (;;) {
      const after = this.position ?? { commit: 0n, prepare: 0n };
      const rows = await this.sql<HeadRow>(HEADS_AFTER_SQL, [after.commit.toString(), after.prepare.toString(), horizon, HEAD_BATCH_SIZE]);
      for (const row of rows) this.apply(row);
      if (rows.length < HEAD_BATCH_SIZE) break;
    }
    if (this.digestStale) this.recomputeDigest();
    return { digest: this.digest, position: this.position, streams: this.heads.size, events: this.events };
  }

  private apply(row: HeadRow): void {
    this.events += 1;
    this.digestStale = true;
    this.position = { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) };
    const revision = Number(row.stream_revision);
    const head = this.heads.get(row.stream_id);
    // Log order and revision order agree within a stream, except for appends made inside longer
    // transactions; the head is the highest revision either way.
    if (head === undefined || revision > head.revision) this.heads.set(row.stream_id, { revision, hash: row.hash });
    if (head === undefined) this.streamsAdded = true;
  }

  private recomputeDigest(): void {
    // Sorting is the costly part; the order only changes when a stream appears.
    if (this.streamsAdded) this.sortedStreamIds = [...this.heads.keys()].sort(compareCodePoints);
    this.streamsAdded = false;
    const { heads, sortedStreamIds } = this;
    this.digest = ledgerDigest(
      sortedStreamIds.map((streamId) => {
        const head = heads.get(streamId) as StreamHead;
        return [streamId, head.revision, head.hash] as const;
      }),
    );
    this.digestStale = false;
  }
}
