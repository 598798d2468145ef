// Read model of the companies projection: one row per registered company.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCompanies1767225601000 implements MigrationInterface {
  readonly name = 'CreateCompanies1767225601000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE companies (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        country char(2) NOT NULL,
        lei char(20),
        registered_at timestamptz NOT NULL,
        registered_by uuid
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE companies');
  }
}
