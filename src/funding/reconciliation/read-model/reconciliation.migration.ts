// Read model of the `reconciliation` projection: statement lines with their match status (for the
// period view, line lookups and closing checks) and the records lines can match (for auto-match).
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReconciliation1767225605000 implements MigrationInterface {
  readonly name = 'CreateReconciliation1767225605000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reconciliation_lines (
        line_id uuid PRIMARY KEY,
        statement_id uuid NOT NULL,
        line_index integer NOT NULL,
        line_no integer NOT NULL,
        value_date date NOT NULL,
        period char(7) NOT NULL,
        currency char(3) NOT NULL,
        amount_minor bigint NOT NULL,
        reference text NOT NULL,
        counterparty text NOT NULL,
        status text NOT NULL,
        target_kind text,
        target_id text,
        outcome text,
        match_mode text,
        explanation text,
        resolved_at timestamptz,
        imported_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX reconciliation_lines_by_period ON reconciliation_lines (period, value_date, statement_id, line_index)');
    await queryRunner.query('CREATE INDEX reconciliation_lines_by_target ON reconciliation_lines (target_kind, target_id)');
    // Ids and references of other contexts' records are kept as text: a projection never refuses a recorded fact.
    await queryRunner.query(`
      CREATE TABLE reconciliation_targets (
        kind text NOT NULL,
        target_id text NOT NULL,
        reference text NOT NULL,
        source_stream text NOT NULL,
        batch_id text,
        currency char(3) NOT NULL,
        amount_minor bigint NOT NULL,
        PRIMARY KEY (kind, target_id)
      )`);
    await queryRunner.query('CREATE INDEX reconciliation_targets_by_reference ON reconciliation_targets (kind, reference)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE reconciliation_targets');
    await queryRunner.query('DROP TABLE reconciliation_lines');
  }
}

export const reconciliationMigrations = [CreateReconciliation1767225605000];
