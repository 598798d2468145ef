// Read model of the `sites` projection: one row per registered site.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSites1767225602100 implements MigrationInterface {
  readonly name = 'CreateSites1767225602100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sites (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        name text NOT NULL,
        cooperative text NOT NULL,
        province text NOT NULL,
        country char(2) NOT NULL,
        fee_bps integer NOT NULL,
        registered_at timestamptz NOT NULL,
        registered_by uuid
      )`);
    // Not UNIQUE: the write side guarantees it, and a projection must never refuse a recorded fact.
    await queryRunner.query('CREATE INDEX sites_code_idx ON sites (code)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE sites');
  }
}
