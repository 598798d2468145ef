// DDL of a rebuild: fresh copies of a projection's tables (`<table>__rebuild`, same columns,
// defaults, constraints and indexes), and the swap that replaces the live tables by them inside
// one transaction, restoring the live index and sequence names so later migrations still find them.
import type { QueryRunner } from 'typeorm';
import { queryRows } from '../checkpoints/sql-runner';
import { freshTableName } from '../projection-context';

interface IndexRow {
  name: string;
  is_primary: boolean;
  is_unique: boolean;
  definition: string;
}

interface OwnedSequenceRow {
  sequence: string;
  column_name: string;
  dependency: 'a' | 'i';
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function tableExists(connection: QueryRunner, table: string): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(connection, 'SELECT to_regclass($1) IS NOT NULL AS found', [table]);
  return rows[0]?.found === true;
}

/** (Re)creates empty fresh copies of `tables`. Table names were validated by assertProjectionDefinition. */
export async function createFreshTables(connection: QueryRunner, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    if (!(await tableExists(connection, table))) {
      throw new Error(`Read-model table ${table} does not exist: its migration has not run`);
    }
    await connection.query(`DROP TABLE IF EXISTS ${freshTableName(table)}`);
    await connection.query(`CREATE TABLE ${freshTableName(table)} (LIKE ${table} INCLUDING ALL)`);
  }
}

export async function dropFreshTables(connection: QueryRunner, tables: readonly string[]): Promise<void> {
  for (const table of tables) await connection.query(`DROP TABLE IF EXISTS ${freshTableName(table)}`);
}

async function indexesOf(connection: QueryRunner, table: string): Promise<IndexRow[]> {
  return queryRows<IndexRow>(
    connection,
    `SELECT i.relname AS name, x.indisprimary AS is_primary, x.indisunique AS is_unique,
            pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass ORDER BY i.relname`,
    [table],
  );
}

/** What makes two indexes equivalent regardless of their own and their table's names. */
function indexShape(index: IndexRow): string {
  const using = index.definition.indexOf(' USING ');
  return `${index.is_primary}|${index.is_unique}|${index.definition.slice(using)}`;
}

/** Pairs each fresh index with the live index of the same shape: fresh name → live name. */
async function indexRenames(connection: QueryRunner, table: string): Promise<Map<string, string>> {
  const liveByShape = new Map<string, string[]>();
  for (const index of await indexesOf(connection, table)) {
    const names = liveByShape.get(indexShape(index)) ?? [];
    liveByShape.set(indexShape(index), [...names, index.name]);
  }
  const renames = new Map<string, string>();
  for (const index of await indexesOf(connection, freshTableName(table))) {
    const liveName = liveByShape.get(indexShape(index))?.shift();
    if (liveName !== undefined && liveName !== index.name) renames.set(index.name, liveName);
  }
  return renames;
}

async function ownedSequences(connection: QueryRunner, table: string): Promise<OwnedSequenceRow[]> {
  // deptype 'a': a serial column's sequence; 'i': an identity column's sequence.
  return queryRows<OwnedSequenceRow>(
    connection,
    `SELECT s.relname AS sequence, a.attname AS column_name, d.deptype AS dependency
       FROM pg_depend d
       JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE d.classid = 'pg_class'::regclass AND d.refobjid = $1::regclass AND d.deptype IN ('a', 'i')`,
    [table],
  );
}

/**
 * Replaces each live table by its fresh copy. Call inside the transaction that also saves the
 * projection's checkpoint: readers block for the instant of the swap and then see the new tables,
 * never a half-built one. The tables must not be referenced by foreign keys or views.
 */
export async function swapFreshTables(connection: QueryRunner, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    const fresh = freshTableName(table);
    const renames = await indexRenames(connection, table);
    const liveSequences = await ownedSequences(connection, table);
    const freshSequences = await ownedSequences(connection, fresh);
    for (const sequence of liveSequences.filter((s) => s.dependency === 'a')) {
      // The copied serial default still calls the live sequence: hand it over so DROP keeps it.
      await connection.query(`ALTER SEQUENCE ${quoteIdent(sequence.sequence)} OWNED BY ${fresh}.${quoteIdent(sequence.column_name)}`);
    }
    await connection.query(`DROP TABLE ${table}`);
    await connection.query(`ALTER TABLE ${fresh} RENAME TO ${table}`);
    for (const [freshName, liveName] of renames) {
      // Renaming a constraint's index renames the constraint too (primary keys, unique constraints).
      await connection.query(`ALTER INDEX ${quoteIdent(freshName)} RENAME TO ${quoteIdent(liveName)}`);
    }
    for (const live of liveSequences.filter((s) => s.dependency === 'i')) {
      const copy = freshSequences.find((s) => s.dependency === 'i' && s.column_name === live.column_name);
      if (copy && copy.sequence !== live.sequence) {
        await connection.query(`ALTER SEQUENCE ${quoteIdent(copy.sequence)} RENAME TO ${quoteIdent(live.sequence)}`);
      }
    }
  }
}
