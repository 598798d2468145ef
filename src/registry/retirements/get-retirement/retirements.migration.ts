// Read model of the `retirements` projection: one row per retirement with everything a certificate
// and the public retirement pages show, and the batch labels it prints serials with.
import { MigrationInterface, QueryRunner } from 'typeorm';
import { batchLabelTableSql } from '../../purchases/batch-read-model';

export class CreateRetirements1767225603200 implements MigrationInterface {
  readonly name = 'CreateRetirements1767225603200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(batchLabelTableSql('retirement_batches'));
    await queryRunner.query(`
      CREATE TABLE retirements (
        id uuid PRIMARY KEY,
        certificate_no text NOT NULL,
        batch_id uuid NOT NULL,
        company_id uuid NOT NULL,
        quantity_kg bigint NOT NULL,
        serials jsonb NOT NULL,
        claim_year integer NOT NULL,
        beneficiary_name text NOT NULL,
        beneficiary_lei text,
        purpose text NOT NULL,
        retired_at timestamptz NOT NULL,
        site_id uuid,
        site_code text,
        vintage integer,
        batch_no integer
      )`);
    // Not UNIQUE: certificate numbers are unique by construction (minted per batch), and a read
    // model must never refuse a recorded fact.
    await queryRunner.query('CREATE INDEX retirements_certificate_no_idx ON retirements (certificate_no)');
    await queryRunner.query('CREATE INDEX retirements_company_idx ON retirements (company_id, id)');
    await queryRunner.query('CREATE INDEX retirements_claim_year_idx ON retirements (claim_year, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE retirements');
    await queryRunner.query('DROP TABLE retirement_batches');
  }
}
