// Rendered retirement certificates (PDF), one per retirement, written once by the certificates
// worker. Not a projection: rendering is a side effect of the job, so a rebuild never drops them.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCertificates1767225609200 implements MigrationInterface {
  readonly name = 'CreateCertificates1767225609200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE certificates (
        retirement_id uuid PRIMARY KEY,
        certificate_no text NOT NULL UNIQUE,
        company_id uuid NOT NULL,
        batch_id uuid NOT NULL,
        pdf bytea NOT NULL,
        sha256 char(64) NOT NULL,
        size_bytes integer NOT NULL,
        rendered_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE certificates');
  }
}
