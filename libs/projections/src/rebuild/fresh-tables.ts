// DDL of a rebuild: fresh, empty copies of a projection's tables in the rebuild schema (same
// names, columns, defaults, constraints and indexes), and the swap that replaces the live tables
// by them inside one transaction, restoring every index and sequence name a later migration may
// refer to.
import { createHash } from 'crypto';
import type { QueryRunner } from 'typeorm';
import { queryRows } from '../checkpoints/sql-runner';
import { REBUILD_SCHEMA } from './create-rebuild-schema.migration';

interface IndexRow {
  name: string;
  is_primary: boolean;
  is_unique: boolean;
  definition: string;
}

interface OwnedSequenceRow {
  name: string;
  column_name: string;
  /** 'a': a serial column's sequence; 'i': an identity column's. */
  dependency: 'a' | 'i';
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `schema.table` of the table a rebuild replays into (names were validated by assertProjectionDefinition). */
export function freshTableName(table: string): string {
  return `${REBUILD_SCHEMA}.${table}`;
}

/** Schema holding the live table, as resolved through the search path; null when it does not exist. */
async function liveSchemaOf(connection: QueryRunner, table: string): Promise<string | null> {
  const rows = await queryRows<{ schema: string }>(
    connection,
    `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)`,
    [table],
  );
  return rows[0]?.schema ?? null;
}

async function liveTableName(connection: QueryRunner, table: string): Promise<{ schema: string; qualified: string }> {
  const schema = await liveSchemaOf(connection, table);
  if (schema === null || schema === REBUILD_SCHEMA) {
    throw new Error(`Read-model table ${table} does not exist: its migration has not run`);
  }
  return { schema, qualified: `${quoteIdent(schema)}.${table}` };
}

export async function freshTableExists(connection: QueryRunner, table: string): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(connection, 'SELECT to_regclass($1) IS NOT NULL AS found', [freshTableName(table)]);
  return rows[0]?.found === true;
}

/** (Re)creates empty fresh copies of `tables` in the rebuild schema. */
export async function createFreshTables(connection: QueryRunner, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    const live = await liveTableName(connection, table);
    await connection.query(`DROP TABLE IF EXISTS ${freshTableName(table)}`);
    await connection.query(`CREATE TABLE ${freshTableName(table)} (LIKE ${live.qualified} INCLUDING ALL)`);
  }
}

async function indexesOf(connection: QueryRunner, qualifiedTable: string): Promise<IndexRow[]> {
  return queryRows<IndexRow>(
    connection,
    `SELECT i.relname AS name, x.indisprimary AS is_primary, x.indisunique AS is_unique,
            pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass ORDER BY i.relname`,
    [qualifiedTable],
  );
}

/** What makes two indexes equivalent regardless of their own, their table's and their schema's names. */
function indexShape(index: IndexRow): string {
  return `${index.is_primary}|${index.is_unique}|${index.definition.slice(index.definition.indexOf(' USING '))}`;
}

/** Name each fresh index must end with: the live index of the same shape (or its own name). */
async function finalIndexNames(connection: QueryRunner, liveTable: string, table: string): Promise<Array<{ fresh: string; final: string }>> {
  const liveByShape = new Map<string, string[]>();
  for (const index of await indexesOf(connection, liveTable)) {
    liveByShape.set(indexShape(index), [...(liveByShape.get(indexShape(index)) ?? []), index.name]);
  }
  const fresh = await indexesOf(connection, freshTableName(table));
  return fresh.map((index) => ({ fresh: index.name, final: liveByShape.get(indexShape(index))?.shift() ?? index.name }));
}

async function ownedSequences(connection: QueryRunner, qualifiedTable: string): Promise<OwnedSequenceRow[]> {
  return queryRows<OwnedSequenceRow>(
    connection,
    `SELECT s.relname AS name, a.attname AS column_name, d.deptype AS dependency
       FROM pg_depend d
       JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE d.classid = 'pg_class'::regclass AND d.refobjid = $1::regclass AND d.deptype IN ('a', 'i')`,
    [qualifiedTable],
  );
}

/**
 * Replaces each live table by its fresh copy. Call inside the transaction that also saves the
 * projection's checkpoint: readers block for the instant of the swap and then see the new tables,
 * never a half-built one. The tables must not be referenced by foreign keys or views.
 */
export async function swapFreshTables(connection: QueryRunner, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    const live = await liveTableName(connection, table);
    const liveSchema = quoteIdent(live.schema);
    const indexNames = await finalIndexNames(connection, live.qualified, table);
    const liveSequences = await ownedSequences(connection, live.qualified);
    const freshIdentities = (await ownedSequences(connection, freshTableName(table))).filter((s) => s.dependency === 'i');

    // Park the fresh index and identity-sequence names first, so moving the table into the live
    // schema and renaming cannot collide with a name that is still taken there.
    // Per table, so projections swapping at the same time never park under the same name.
    const tag = createHash('sha256').update(table).digest('hex').slice(0, 12);
    const parked = (kind: 'i' | 's', i: number): string => `projection_swap_${tag}_${kind}${i}`;
    for (const [i, index] of indexNames.entries()) {
      await connection.query(`ALTER INDEX ${REBUILD_SCHEMA}.${quoteIdent(index.fresh)} RENAME TO ${parked('i', i)}`);
    }
    for (const [i, sequence] of freshIdentities.entries()) {
      await connection.query(`ALTER SEQUENCE ${REBUILD_SCHEMA}.${quoteIdent(sequence.name)} RENAME TO ${parked('s', i)}`);
    }
    // The copied serial defaults still call the live sequences: detach them so DROP keeps them.
    const serials = liveSequences.filter((s) => s.dependency === 'a');
    for (const serial of serials) await connection.query(`ALTER SEQUENCE ${liveSchema}.${quoteIdent(serial.name)} OWNED BY NONE`);

    await connection.query(`DROP TABLE ${live.qualified}`);
    // Moves the table with its indexes, constraints and identity sequences.
    await connection.query(`ALTER TABLE ${freshTableName(table)} SET SCHEMA ${liveSchema}`);

    for (const [i, index] of indexNames.entries()) {
      // Renaming a constraint's index renames the constraint too (primary keys, unique constraints).
      await connection.query(`ALTER INDEX ${liveSchema}.${parked('i', i)} RENAME TO ${quoteIdent(index.final)}`);
    }
    for (const [i, sequence] of freshIdentities.entries()) {
      const original = liveSequences.find((s) => s.dependency === 'i' && s.column_name === sequence.column_name)?.name ?? sequence.name;
      await connection.query(`ALTER SEQUENCE ${liveSchema}.${parked('s', i)} RENAME TO ${quoteIdent(original)}`);
    }
    for (const serial of serials) {
      await connection.query(`ALTER SEQUENCE ${liveSchema}.${quoteIdent(serial.name)} OWNED BY ${live.qualified}.${quoteIdent(serial.column_name)}`);
    }
  }
}
