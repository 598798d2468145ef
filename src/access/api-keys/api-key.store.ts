// The credential store: the `api_keys` table (SHA-256 of each secret, role, company, lifecycle
// dates). Events record the lifecycle for audit; authentication reads only this table.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../auth/actor';
import { ApiKeyCache } from './api-key-cache';

export interface ApiKeyRow {
  id: string;
  role: Role;
  companyId: string | null;
  label: string;
  secretSha256: Buffer;
  createdAt: Date;
  createdBy: string | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

export type NewApiKeyRow = Omit<ApiKeyRow, 'revokedAt' | 'lastUsedAt'>;

interface StoredRow {
  id: string;
  role: Role;
  company_id: string | null;
  label: string;
  secret_sha256: Buffer;
  created_at: Date;
  created_by: string | null;
  revoked_at: Date | null;
  expires_at: Date | null;
  last_used_at: Date | null;
}

/** How stale `last_used_at` may get: at most one write per key per minute, not one per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

function toRow(row: StoredRow): ApiKeyRow {
  return {
    id: row.id,
    role: row.role,
    companyId: row.company_id,
    label: row.label,
    secretSha256: row.secret_sha256,
    createdAt: row.created_at,
    createdBy: row.created_by,
    revokedAt: row.revoked_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
  };
}

type Sql = Pick<EntityManager, 'query'>;

@Injectable()
export class ApiKeyStore {
  /** For authentication only (see api-key-cache.ts for the bounds); `find` always reads. */
  private readonly cache = new ApiKeyCache();

  constructor(private readonly dataSource: DataSource) {}

  async find(id: string): Promise<ApiKeyRow | null> {
    const epoch = this.cache.epoch;
    const rows: StoredRow[] = await this.dataSource.query('SELECT * FROM api_keys WHERE id = $1', [id]);
    if (rows.length === 0) return null;
    const row = toRow(rows[0]);
    this.cache.put(row, epoch);
    return row;
  }

  /** The key as authentication sees it: read at most API_KEY_CACHE_TTL_MS ago (this process's own revocations at once). */
  async findForAuthentication(id: string): Promise<ApiKeyRow | null> {
    return this.cache.get(id) ?? this.find(id);
  }

  /** Inserts the key; false when a key with this id exists already (an idempotent retry). */
  async insert(key: NewApiKeyRow, sql: Sql = this.dataSource): Promise<boolean> {
    const rows: unknown[] = await sql.query(
      `INSERT INTO api_keys (id, role, company_id, label, secret_sha256, created_at, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [key.id, key.role, key.companyId, key.label, key.secretSha256, key.createdAt, key.createdBy, key.expiresAt],
    );
    return rows.length === 1;
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.query('DELETE FROM api_keys WHERE id = $1', [id]);
    this.cache.forget(id);
  }

  /** Sets revoked_at unless already set (the first revocation time is kept). */
  async markRevoked(id: string, at: Date): Promise<void> {
    await this.dataSource.query('UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, at]);
    this.cache.forget(id);
  }

  /**
   * Records a use when the stored one is older than LAST_USED_RESOLUTION_MS. The condition is in
   * the UPDATE too, so replicas racing on the same key still write once a minute at most.
   */
  async recordUse(key: ApiKeyRow, at: Date): Promise<void> {
    if (key.lastUsedAt !== null && at.getTime() - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    await this.dataSource.query(
      `UPDATE api_keys SET last_used_at = $2
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $2::timestamptz - make_interval(secs => $3))`,
      [key.id, at, LAST_USED_RESOLUTION_MS / 1000],
    );
    // Written (or written by another replica less than the resolution ago): either way, not again for a while.
    this.cache.noteUse(key.id, at);
  }

  /**
   * Runs `work` with the table locked against concurrent bootstraps (replicas booting together), so
   * "create the first admin key only when there is none" holds.
   */
  async whileNoKeyExists(work: (sql: Sql) => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('LOCK TABLE api_keys IN SHARE ROW EXCLUSIVE MODE');
      const rows: unknown[] = await manager.query('SELECT 1 FROM api_keys LIMIT 1');
      if (rows.length > 0) return false;
      await work(manager);
      return true;
    });
  }
}
