// Read model of the `batches` projection: one row per issued batch with its supply counters
// (DESIGN §4: issued = available + reserved + held + retired + cancelled, R1).
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBatches1767225602300 implements MigrationInterface {
  readonly name = 'CreateBatches1767225602300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE batches (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        site_code text NOT NULL,
        milestone_id uuid NOT NULL,
        vintage integer NOT NULL,
        batch_no integer NOT NULL,
        currency char(3) NOT NULL,
        price_per_tonne_minor bigint NOT NULL,
        issued_kg bigint NOT NULL,
        available_kg bigint NOT NULL,
        reserved_kg bigint NOT NULL DEFAULT 0,
        held_kg bigint NOT NULL DEFAULT 0,
        retired_kg bigint NOT NULL DEFAULT 0,
        cancelled_kg bigint NOT NULL DEFAULT 0,
        issued_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX batches_site_idx ON batches (site_id, vintage, id)');
    await queryRunner.query('CREATE INDEX batches_vintage_idx ON batches (vintage, id)');
    // Public serial lookups find a batch by the parts of a serial number.
    await queryRunner.query('CREATE INDEX batches_serial_prefix_idx ON batches (site_code, vintage, batch_no)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE batches');
  }
}
