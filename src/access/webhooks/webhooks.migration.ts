// Webhook endpoints (with their sealed signing secrets) and the log of every delivery attempt.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWebhooks1767225609100 implements MigrationInterface {
  readonly name = 'CreateWebhooks1767225609100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY,
        company_id uuid NOT NULL,
        url text NOT NULL CHECK (length(url) <= 2048),
        events text[] NOT NULL CHECK (cardinality(events) >= 1),
        secret_sealed text NOT NULL,
        created_at timestamptz NOT NULL,
        created_by uuid,
        deleted_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX webhooks_active_by_company ON webhooks (company_id, id) WHERE deleted_at IS NULL');
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        webhook_id uuid NOT NULL,
        company_id uuid NOT NULL,
        event_id uuid NOT NULL,
        event_name text NOT NULL,
        attempt integer NOT NULL CHECK (attempt >= 1),
        outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'skipped')),
        http_status integer,
        duration_ms integer NOT NULL,
        error text,
        attempted_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id)');
    await queryRunner.query('CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhook_deliveries');
    await queryRunner.query('DROP TABLE webhooks');
  }
}
