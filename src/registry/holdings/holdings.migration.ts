// Read model of the `holdings` projection: what each company holds (and has retired) per batch,
// and the batch labels it prints serials with.
import { MigrationInterface, QueryRunner } from 'typeorm';
import { batchLabelTableSql } from '../purchases/batch-read-model';

export class CreateHoldings1767225603100 implements MigrationInterface {
  readonly name = 'CreateHoldings1767225603100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(batchLabelTableSql('holding_batches'));
    await queryRunner.query(`
      CREATE TABLE holdings (
        company_id uuid NOT NULL,
        batch_id uuid NOT NULL,
        held_kg bigint NOT NULL,
        serials jsonb NOT NULL,
        retired_kg bigint NOT NULL,
        site_id uuid,
        site_code text,
        vintage integer,
        batch_no integer,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (company_id, batch_id)
      )`);
    await queryRunner.query('CREATE INDEX holdings_batch_idx ON holdings (batch_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE holdings');
    await queryRunner.query('DROP TABLE holding_batches');
  }
}
