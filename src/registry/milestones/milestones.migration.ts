// Read model of the `milestones` projection: one row per milestone with its status and issued kg.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMilestones1767225602200 implements MigrationInterface {
  readonly name = 'CreateMilestones1767225602200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE milestones (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        title text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        quantity_kg bigint NOT NULL,
        evidence jsonb NOT NULL,
        status text NOT NULL,
        proposed_by uuid NOT NULL,
        proposed_at timestamptz NOT NULL,
        verified_by uuid,
        verified_at timestamptz,
        rejected_by uuid,
        rejected_at timestamptz,
        rejection_reason text,
        issued_kg bigint NOT NULL DEFAULT 0
      )`);
    await queryRunner.query('CREATE INDEX milestones_site_idx ON milestones (site_id, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE milestones');
  }
}
