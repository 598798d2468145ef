// Table of the issuance completion reactor: one row per issuance it has seen through, saying
// whether it had to append the missing steps itself and, if it could not, why.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIssuanceCompletions1767225602400 implements MigrationInterface {
  readonly name = 'CreateIssuanceCompletions1767225602400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE issuance_completions (
        batch_id uuid PRIMARY KEY,
        milestone_id uuid NOT NULL,
        outcome text NOT NULL,
        completed_by_reactor boolean NOT NULL,
        error_code text,
        checked_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE issuance_completions');
  }
}
