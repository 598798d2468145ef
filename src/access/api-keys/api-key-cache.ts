// Credentials recently read from `api_keys`, so that authenticating a request does not cost a
// database round trip each time (it was one of the three statements of a reservation). Bounds:
// - a revocation or deletion made through this process's ApiKeyStore takes effect at once (the
//   store forgets the key); one made by another process (another replica, the CLI) takes effect
//   there within API_KEY_CACHE_TTL_MS, after which the row is read again;
// - expiry (`expires_at`) stays exact: it is checked against the clock on every request;
// - only keys that exist are kept: a key created by another process works there at once.
import { performance } from 'perf_hooks';
import type { ApiKeyRow } from './api-key.store';

/** Longest time a row read here is trusted without reading it again (the revocation bound). */
export const API_KEY_CACHE_TTL_MS = 2_000;
/** Keys kept at most; the least recently read go first. */
const MAX_CACHED_KEYS = 10_000;

interface CachedKey {
  row: ApiKeyRow;
  readAtMs: number;
}

export class ApiKeyCache {
  private readonly entries = new Map<string, CachedKey>();
  /** Bumped by every `forget`: a row read before it may predate a revocation and is not kept. */
  private forgets = 0;

  constructor(
    private readonly ttlMs = API_KEY_CACHE_TTL_MS,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** The row read less than the TTL ago, or undefined. */
  get(id: string): ApiKeyRow | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    if (this.nowMs() - entry.readAtMs >= this.ttlMs) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.row;
  }

  /** Take it before reading a row, and hand it to `put`. */
  get epoch(): number {
    return this.forgets;
  }

  /** Keeps `row`, read from the database after `epoch` was taken, unless a key was forgotten meanwhile. */
  put(row: ApiKeyRow, epoch: number): void {
    if (epoch !== this.forgets) return;
    this.entries.delete(row.id);
    this.entries.set(row.id, { row, readAtMs: this.nowMs() });
    if (this.entries.size > MAX_CACHED_KEYS) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Records a use written to the database, so the next request does not write it again. */
  noteUse(id: string, at: Date): void {
    const entry = this.entries.get(id);
    if (entry !== undefined) entry.row = { ...entry.row, lastUsedAt: at };
  }

  forget(id: string): void {
    this.forgets += 1;
    this.entries.delete(id);
  }
}
