// The `webhook_deliveries` log: one row per attempt, with outcome, HTTP status, duration and error.
// Never the body's signature or the secret.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type DeliveryOutcome = 'delivered' | 'failed' | 'skipped';

export interface DeliveryAttempt {
  webhookId: string;
  companyId: string;
  eventId: string;
  eventName: string;
  attempt: number;
  outcome: DeliveryOutcome;
  httpStatus: number | null;
  durationMs: number;
  error: string | null;
  attemptedAt: Date;
}

/** Errors are ours or the target's words; keep the log bounded. */
const ERROR_MAX_LENGTH = 500;

@Injectable()
export class WebhookDeliveriesStore {
  constructor(private readonly dataSource: DataSource) {}

  async record(attempt: DeliveryAttempt): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO webhook_deliveries (webhook_id, company_id, event_id, event_name, attempt, outcome, http_status, duration_ms, error, attempted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        attempt.webhookId,
        attempt.companyId,
        attempt.eventId,
        attempt.eventName,
        attempt.attempt,
        attempt.outcome,
        attempt.httpStatus,
        Math.round(attempt.durationMs),
        attempt.error?.slice(0, ERROR_MAX_LENGTH) ?? null,
        attempt.attemptedAt,
      ],
    );
  }
}
