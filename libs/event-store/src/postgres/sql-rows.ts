// How the audit reads reach PostgreSQL: any function that runs one statement and returns its rows
// as objects, with pg's default parsing. A pg Pool fits through poolRows; in the app, TypeORM's
// `dataSource.query` fits as it is, so the audit needs no pool of its own.
import type { Pool } from 'pg';

export type SqlRows = <TRow>(text: string, values: readonly unknown[]) => Promise<TRow[]>;

export function poolRows(pool: Pool): SqlRows {
  return async <TRow>(text: string, values: readonly unknown[]): Promise<TRow[]> => (await pool.query(text, [...values])).rows as TRow[];
}
