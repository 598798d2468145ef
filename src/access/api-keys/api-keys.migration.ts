// The credential store (DESIGN §3.6). Only SHA-256 of each secret is kept (32 bytes).
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiKeys1767225601100 implements MigrationInterface {
  readonly name = 'CreateApiKeys1767225601100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('admin', 'operator', 'finance', 'auditor', 'company')),
        company_id uuid,
        label text NOT NULL,
        secret_sha256 bytea NOT NULL CHECK (octet_length(secret_sha256) = 32),
        created_at timestamptz NOT NULL,
        created_by uuid,
        revoked_at timestamptz,
        expires_at timestamptz,
        last_used_at timestamptz,
        CONSTRAINT api_keys_company_iff_company_role CHECK ((role = 'company') = (company_id IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX api_keys_company_id ON api_keys (company_id) WHERE company_id IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api_keys');
  }
}
