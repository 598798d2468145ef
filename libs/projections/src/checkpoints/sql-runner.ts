// Anything that can run SQL on a connection: a transaction's EntityManager or a QueryRunner.
import type { EntityManager, QueryRunner } from 'typeorm';

export type SqlRunner = EntityManager | QueryRunner;

/** Runs one statement and returns its rows; the row type is the caller's claim about its SELECT. */
export async function queryRows<TRow>(runner: SqlRunner, sql: string, params: readonly unknown[] = []): Promise<TRow[]> {
  const rows: unknown = await runner.query(sql, [...params]);
  return Array.isArray(rows) ? (rows as TRow[]) : [];
}
