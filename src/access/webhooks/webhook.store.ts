// The `webhooks` table: endpoints with their sealed signing secrets. Events on `webhook-{id}`
// record the lifecycle for audit; delivery reads only this table, as authentication reads api_keys.
import { Injectable } from '@nestjs/common';
import { isUuid } from '@lib/kernel';
import { DataSource } from 'typeorm';
import type { WebhookEventName } from './webhook.events';

export interface WebhookRow {
  id: string;
  companyId: string;
  url: string;
  events: WebhookEventName[];
  secretSealed: string;
  createdAt: Date;
  createdBy: string | null;
  deletedAt: Date | null;
}

interface StoredRow {
  id: string;
  company_id: string;
  url: string;
  events: WebhookEventName[];
  secret_sealed: string;
  created_at: Date;
  created_by: string | null;
  deleted_at: Date | null;
}

function toRow(row: StoredRow): WebhookRow {
  return {
    id: row.id,
    companyId: row.company_id,
    url: row.url,
    events: row.events,
    secretSealed: row.secret_sealed,
    createdAt: row.created_at,
    createdBy: row.created_by,
    deletedAt: row.deleted_at,
  };
}

export type NewWebhookRow = Omit<WebhookRow, 'deletedAt'>;

@Injectable()
export class WebhookStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(id: string): Promise<WebhookRow | null> {
    const rows: StoredRow[] = await this.dataSource.query('SELECT * FROM webhooks WHERE id = $1', [id]);
    return rows.length === 0 ? null : toRow(rows[0]);
  }

  /**
   * Inserts the endpoint unless the company already has `limit` active ones. Why the lock: two
   * registrations racing past a plain count would both fit; one transaction lock per company
   * serialises them without touching other companies.
   */
  async insertWithinLimit(row: NewWebhookRow, limit: number): Promise<'inserted' | 'limit_reached'> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query("SELECT pg_advisory_xact_lock(hashtextextended('webhooks:' || $1, 0))", [row.companyId]);
      const [{ count }]: { count: number }[] = await manager.query(
        'SELECT count(*)::int AS count FROM webhooks WHERE company_id = $1 AND deleted_at IS NULL',
        [row.companyId],
      );
      if (count >= limit) return 'limit_reached';
      await manager.query(
        `INSERT INTO webhooks (id, company_id, url, events, secret_sealed, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [row.id, row.companyId, row.url, row.events, row.secretSealed, row.createdAt, row.createdBy],
      );
      return 'inserted';
    });
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.query('DELETE FROM webhooks WHERE id = $1', [id]);
  }

  /** Sets deleted_at unless already set (the first deletion time is kept). */
  async markDeleted(id: string, at: Date): Promise<void> {
    await this.dataSource.query('UPDATE webhooks SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL', [id, at]);
  }

  /** Active endpoints of a company in creation order (ids are UUID v7), after `afterId`. */
  async listActive(companyId: string, limit: number, afterId: string | null): Promise<WebhookRow[]> {
    const rows: StoredRow[] = await this.dataSource.query(
      `SELECT * FROM webhooks WHERE company_id = $1 AND deleted_at IS NULL AND ($2::uuid IS NULL OR id > $2::uuid)
       ORDER BY id LIMIT $3`,
      [companyId, afterId, limit],
    );
    return rows.map(toRow);
  }

  /** The active endpoints of these companies, as what they subscribe to and since when (one query for a batch of notifications). */
  async subscriptionsOf(companyIds: readonly string[]): Promise<Array<Pick<WebhookRow, 'companyId' | 'events' | 'createdAt'>>> {
    if (companyIds.length === 0) return [];
    const rows: Pick<StoredRow, 'company_id' | 'events' | 'created_at'>[] = await this.dataSource.query(
      'SELECT company_id, events, created_at FROM webhooks WHERE company_id = ANY ($1::uuid[]) AND deleted_at IS NULL',
      [[...new Set(companyIds.filter((companyId) => isUuid(companyId)))]],
    );
    return rows.map((row) => ({ companyId: row.company_id, events: row.events, createdAt: row.created_at }));
  }

  /**
   * Active endpoints of `companyId` subscribed to `event` that existed when it happened: an
   * endpoint registered later does not receive older events, even when their fan-out runs late.
   */
  async subscriberIds(companyId: string, event: WebhookEventName, occurredAt: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM webhooks
       WHERE company_id = $1 AND deleted_at IS NULL AND $2 = ANY (events) AND created_at <= $3
       ORDER BY id`,
      [companyId, event, occurredAt],
    );
    return rows.map((row) => row.id);
  }
}
