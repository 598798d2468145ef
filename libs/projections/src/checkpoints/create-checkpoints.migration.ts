// Schema of the `checkpoints` table: where each log consumer (projection, reactor, job dispatcher)
// has got to in the event log. Written in the same transaction as the consumer's effects.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCheckpoints1767225600100 implements MigrationInterface {
  name = 'CreateCheckpoints1767225600100';

  async up(queryRunner: QueryRunner): Promise<void> {
    // position_commit holds an xid8 (unsigned 64-bit), hence numeric(20) rather than bigint.
    // A null position means "nothing consumed yet" (start of the log).
    await queryRunner.query(`
      CREATE TABLE checkpoints (
        consumer text PRIMARY KEY,
        version integer NOT NULL,
        position_commit numeric(20, 0),
        position_prepare bigint,
        rebuild_requested_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT checkpoints_position_complete
          CHECK ((position_commit IS NULL) = (position_prepare IS NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE checkpoints');
  }
}
