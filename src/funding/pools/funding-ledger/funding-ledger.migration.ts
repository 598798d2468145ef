// Read models of the `funding` projection (funding-ledger.projection.ts). `funding_movements` is
// the ledger every funding figure is summed from (site funding, public funding, reports); the
// other tables name sites and grants and list allocations and disbursements.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFundingReadModels1767225605000 implements MigrationInterface {
  readonly name = 'CreateFundingReadModels1767225605000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE funding_sites (
        site_id uuid PRIMARY KEY,
        code text NOT NULL,
        name text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE funding_grants (
        grant_id uuid PRIMARY KEY,
        funder text NOT NULL,
        reference text NOT NULL,
        currency char(3) NOT NULL,
        total_minor bigint NOT NULL,
        site_ids uuid[],
        registered_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE funding_allocations (
        allocation_id uuid PRIMARY KEY,
        stream_id text NOT NULL,
        site_id uuid NOT NULL,
        source_type text NOT NULL,
        grant_id uuid,
        category text NOT NULL,
        currency char(3) NOT NULL,
        amount_minor bigint NOT NULL,
        disbursed_minor bigint NOT NULL DEFAULT 0,
        project text NOT NULL,
        committee_ref text NOT NULL,
        decided_at text NOT NULL,
        status text NOT NULL,
        cancelled_at timestamptz,
        cancel_reason text,
        recorded_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX funding_allocations_site_idx ON funding_allocations (site_id, allocation_id)');
    await queryRunner.query('CREATE INDEX funding_allocations_grant_idx ON funding_allocations (grant_id, allocation_id)');
    await queryRunner.query(`
      CREATE TABLE funding_disbursements (
        disbursement_id uuid PRIMARY KEY,
        allocation_id uuid NOT NULL,
        currency char(3) NOT NULL,
        amount_minor bigint NOT NULL,
        paid_at text NOT NULL,
        payee text NOT NULL,
        bank_ref text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX funding_disbursements_allocation_idx ON funding_disbursements (allocation_id)');
    // One row per money movement; the three *_minor deltas sum to received, allocated, disbursed.
    await queryRunner.query(`
      CREATE TABLE funding_movements (
        event_id uuid PRIMARY KEY,
        kind text NOT NULL,
        site_id uuid,
        source_type text NOT NULL,
        grant_id uuid,
        category text,
        allocation_id uuid,
        currency char(3) NOT NULL,
        gross_minor bigint NOT NULL DEFAULT 0,
        fee_minor bigint NOT NULL DEFAULT 0,
        received_minor bigint NOT NULL DEFAULT 0,
        allocated_minor bigint NOT NULL DEFAULT 0,
        disbursed_minor bigint NOT NULL DEFAULT 0,
        business_date date NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX funding_movements_site_idx ON funding_movements (site_id)');
    await queryRunner.query('CREATE INDEX funding_movements_grant_idx ON funding_movements (grant_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['funding_movements', 'funding_disbursements', 'funding_allocations', 'funding_grants', 'funding_sites']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
