// Builds the ProjectionContext handed to `apply`: the lock connection's transaction plus the
// logical → physical table mapping (live tables, or their fresh copies during a rebuild).
import type { QueryRunner } from 'typeorm';
import { Projection, ProjectionContext, ProjectionQueryResult } from './projection';
import { freshTableName } from './rebuild/fresh-tables';

export function createProjectionContext(projection: Projection, connection: QueryRunner, rebuilding: boolean): ProjectionContext {
  const owned = new Set(projection.tables);
  return {
    manager: connection.manager,
    rebuilding,
    table(logicalName: string): string {
      // A write outside the owned tables would escape rebuilds and swaps: a programming error.
      if (!owned.has(logicalName)) throw new Error(`Projection ${projection.name} does not own table ${logicalName}`);
      return rebuilding ? freshTableName(logicalName) : logicalName;
    },
    async query<TRow>(sql: string, params: readonly unknown[] = []): Promise<ProjectionQueryResult<TRow>> {
      const result = await connection.query(sql, [...params], true);
      const rows = Array.isArray(result.records) ? (result.records as TRow[]) : [];
      return { rows, rowCount: result.affected ?? rows.length };
    },
  };
}
