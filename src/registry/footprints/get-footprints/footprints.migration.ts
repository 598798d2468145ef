// Read model of the `footprints` projection: per company and year, the declared footprint and the
// kilograms retired for that claim year (a row may exist with retirements and no footprint yet).
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFootprints1767225603300 implements MigrationInterface {
  readonly name = 'CreateFootprints1767225603300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE footprints (
        company_id uuid NOT NULL,
        year integer NOT NULL,
        cobalt_kg bigint,
        declared_at timestamptz,
        retired_kg bigint NOT NULL,
        PRIMARY KEY (company_id, year)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE footprints');
  }
}
