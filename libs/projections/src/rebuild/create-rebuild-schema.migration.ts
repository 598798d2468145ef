// The schema rebuilds replay into: fresh copies of a projection's tables live there under their
// live names until the swap moves them into the live schema.
import { MigrationInterface, QueryRunner } from 'typeorm';

export const REBUILD_SCHEMA = 'projection_rebuild';

export class CreateProjectionRebuildSchema1767225600200 implements MigrationInterface {
  name = 'CreateProjectionRebuildSchema1767225600200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA ${REBUILD_SCHEMA}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA ${REBUILD_SCHEMA} CASCADE`);
  }
}
