// Stored outcomes of requests sent with an Idempotency-Key (R12), per calling key.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdempotencyKeys1767225601200 implements MigrationInterface {
  readonly name = 'CreateIdempotencyKeys1767225601200';

  async up(queryRunner: QueryRunner): Promise<void> {
    // scope: the API key id, so two callers never share (or see) each other's keys.
    // lease_token / locked_until: who runs the request and until when; a lapsed lease may be taken over.
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash bytea NOT NULL,
        state text NOT NULL CHECK (state IN ('in_flight', 'completed')),
        lease_token uuid,
        locked_until timestamptz,
        response_status integer,
        response_headers jsonb NOT NULL DEFAULT '{}',
        response_body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (scope, key),
        CONSTRAINT idempotency_keys_completed_has_response
          CHECK (state <> 'completed' OR (response_status IS NOT NULL AND completed_at IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE idempotency_keys');
  }
}
