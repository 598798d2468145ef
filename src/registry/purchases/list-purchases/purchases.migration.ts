// Read model of the `purchases` projection: one row per purchase, and the batch labels it prints
// serials with.
import { MigrationInterface, QueryRunner } from 'typeorm';
import { batchLabelTableSql } from '../batch-read-model';

export class CreatePurchases1767225603000 implements MigrationInterface {
  readonly name = 'CreatePurchases1767225603000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(batchLabelTableSql('purchase_batches'));
    await queryRunner.query(`
      CREATE TABLE purchases (
        id uuid PRIMARY KEY,
        batch_id uuid NOT NULL,
        company_id uuid NOT NULL,
        status text NOT NULL,
        quantity_kg bigint NOT NULL,
        serials jsonb NOT NULL,
        site_code text,
        vintage integer,
        batch_no integer,
        price_currency text NOT NULL,
        price_minor bigint NOT NULL,
        amount_currency text NOT NULL,
        amount_minor bigint NOT NULL,
        invoice_ref text NOT NULL,
        reserved_at timestamptz NOT NULL,
        reserved_until timestamptz NOT NULL,
        settled_at timestamptz,
        payment jsonb,
        released_at timestamptz
      )`);
    // Lists are paged by id (UUID v7, so newest first is id order) within a company or a batch.
    await queryRunner.query('CREATE INDEX purchases_company_idx ON purchases (company_id, id)');
    await queryRunner.query('CREATE INDEX purchases_batch_idx ON purchases (batch_id, id)');
    await queryRunner.query('CREATE INDEX purchases_invoice_ref_idx ON purchases (invoice_ref)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE purchases');
    await queryRunner.query('DROP TABLE purchase_batches');
  }
}
