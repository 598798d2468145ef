// The `idempotency_keys` table: claim a key (or learn it is taken), then complete it with the
// response or release it. Times come from the database clock so replicas agree on leases.
import { randomUUID } from 'crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  /** The JSON body as sent, or null for an empty one. */
  body: string | null;
}

export type ClaimOutcome =
  | { kind: 'run'; leaseToken: string }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'key_reused' }
  | { kind: 'in_flight' };

interface ExistingRow {
  request_hash: Buffer;
  state: 'in_flight' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string>;
  response_body: string | null;
}

/** Kept at least 24 h (R12); the cleanup deletes records older than this. */
export const IDEMPOTENCY_RETENTION_HOURS = 48;
/**
 * How long a claim stays exclusive. Past it, a record still `in_flight` is taken to belong to a
 * crashed process and the next identical request runs instead. Far above any normal command time.
 */
export const IDEMPOTENCY_LEASE_MS = 120_000;
/** A record can vanish between our INSERT and SELECT (its holder released it): look again, a few times. */
const CLAIM_ATTEMPTS = 3;

@Injectable()
export class IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {}

  async claim(scope: string, key: string, requestHash: Buffer, leaseMs = IDEMPOTENCY_LEASE_MS): Promise<ClaimOutcome> {
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt += 1) {
      const leaseToken = randomUUID();
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_keys (scope, key, request_hash, state, lease_token, locked_until)
         VALUES ($1, $2, $3, 'in_flight', $4, now() + make_interval(secs => $5))
         ON CONFLICT (scope, key) DO NOTHING RETURNING 1`,
        [scope, key, requestHash, leaseToken, leaseMs / 1000],
      );
      if (inserted.length === 1) return { kind: 'run', leaseToken };
      // Only the same request may take over a lapsed lease: a different one must still get 422.
      const takenOver = await this.countAffected(
        `UPDATE idempotency_keys SET lease_token = $4, locked_until = now() + make_interval(secs => $5)
          WHERE scope = $1 AND key = $2 AND request_hash = $3 AND state = 'in_flight' AND locked_until <= now()
          RETURNING 1`,
        [scope, key, requestHash, leaseToken, leaseMs / 1000],
      );
      if (takenOver === 1) return { kind: 'run', leaseToken };
      const rows: ExistingRow[] = await this.dataSource.query(
        'SELECT request_hash, state, response_status, response_headers, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [scope, key],
      );
      if (rows.length === 0) continue;
      const row = rows[0];
      if (!row.request_hash.equals(requestHash)) return { kind: 'key_reused' };
      if (row.state === 'in_flight' || row.response_status === null) return { kind: 'in_flight' };
      return { kind: 'replay', response: { status: row.response_status, headers: row.response_headers, body: row.response_body } };
    }
    return { kind: 'in_flight' };
  }

  /** Stores the response; a no-op when the lease was lost to a takeover (that run's answer wins). */
  async complete(scope: string, key: string, leaseToken: string, response: StoredResponse): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys
          SET state = 'completed', response_status = $4, response_headers = $5, response_body = $6,
              completed_at = now(), lease_token = NULL, locked_until = NULL
        WHERE scope = $1 AND key = $2 AND lease_token = $3 AND state = 'in_flight'`,
      [scope, key, leaseToken, response.status, JSON.stringify(response.headers), response.body],
    );
  }

  /** Forgets a claim whose request failed in a way worth retrying (5xx, lost race), so a retry runs. */
  async release(scope: string, key: string, leaseToken: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND lease_token = $3 AND state = 'in_flight'`, [
      scope,
      key,
      leaseToken,
    ]);
  }

  /** Deletes records older than the retention; returns how many. */
  async deleteExpired(retentionHours = IDEMPOTENCY_RETENTION_HOURS): Promise<number> {
    return this.countAffected('DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1) RETURNING 1', [retentionHours]);
  }

  /** Rows an UPDATE/DELETE … RETURNING touched. Wrapped in a CTE because TypeORM returns [rows, count] for those commands. */
  private async countAffected(statement: string, params: readonly unknown[]): Promise<number> {
    const rows: { affected: number }[] = await this.dataSource.query(`WITH changed AS (${statement}) SELECT count(*)::int AS affected FROM changed`, [
      ...params,
    ]);
    return rows[0].affected;
  }
}
