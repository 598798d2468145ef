// What a projection is (DESIGN §3.4): a named, versioned fold of the event log into read-model
// tables it owns. The runner feeds it bounded batches inside the transaction that also moves its
// checkpoint, so its writes land exactly once.
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@lib/event-store';

export interface ProjectionQueryResult<TRow> {
  rows: TRow[];
  /** Rows inserted, updated or deleted (or returned, for a SELECT). */
  rowCount: number;
}

export interface ProjectionContext {
  /**
   * The batch's transaction. During a rebuild its search path starts with the rebuild schema, so
   * entity repositories and unqualified table names reach the fresh copies (keep entities of
   * read models free of an explicit `schema`).
   */
  readonly manager: EntityManager;
  /** Raw SQL in the batch's transaction. */
  query<TRow = unknown>(sql: string, params?: readonly unknown[]): Promise<ProjectionQueryResult<TRow>>;
  /**
   * Physical table to read and write for one of the projection's `tables`: the live table
   * normally, its fresh copy (`projection_rebuild.<table>`) during a rebuild. Safe to interpolate
   * into SQL (names are validated).
   */
  table(logicalName: string): string;
  /** True while replaying into fresh tables. */
  readonly rebuilding: boolean;
}

export interface Projection {
  /** Stable identifier: checkpoint, lock and CLI name. Lower-case letters, digits, `-` and `_`. */
  readonly name: string;
  /** Bump it whenever the fold or the tables change: the runner then rebuilds from position 0. */
  readonly version: number;
  /** Read-model tables this projection owns, created by migrations; rebuilt and swapped together. */
  readonly tables: readonly string[];
  /**
   * The event types `apply` folds, when it folds only those: the runner then passes over batches
   * without any of them with no transaction (it records that progress later, in one statement).
   * Leave it out to be given every batch. A type missing here is an event never folded, so each
   * projection's spec checks the list against what `apply` writes.
   */
  readonly eventTypes?: readonly string[];
  /**
   * Folds a batch of events, in log order, into the tables. Must ignore event types it does not
   * know and never throw on a recorded fact: a throw is treated as an infrastructure failure and
   * the same batch is retried (after a back-off) until it succeeds.
   */
  apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void>;
}

const PROJECTION_NAME = /^[a-z0-9][a-z0-9_-]{0,99}$/;
/** Unquoted PostgreSQL identifier of at most 63 bytes, unqualified (the search path finds it). */
const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Throws on a definition the runner cannot run safely (bad names, duplicate tables, bad version). */
export function assertProjectionDefinition(projection: Projection): void {
  if (!PROJECTION_NAME.test(projection.name)) throw new Error(`Invalid projection name "${projection.name}"`);
  if (!Number.isInteger(projection.version) || projection.version < 1) {
    throw new Error(`Projection ${projection.name}: version must be a positive integer, got ${projection.version}`);
  }
  if (projection.tables.length === 0) throw new Error(`Projection ${projection.name} owns no table`);
  for (const table of projection.tables) {
    if (!TABLE_NAME.test(table)) {
      throw new Error(`Projection ${projection.name}: invalid table name "${table}" (lower-case, unqualified, at most 63 characters)`);
    }
  }
  if (new Set(projection.tables).size !== projection.tables.length) {
    throw new Error(`Projection ${projection.name} lists a table twice`);
  }
}

/** Checks a set of projections that will run together: each valid, names and tables unique. */
export function assertProjectionSet(projections: readonly Projection[]): void {
  const names = new Set<string>();
  const owners = new Map<string, string>();
  for (const projection of projections) {
    assertProjectionDefinition(projection);
    if (names.has(projection.name)) throw new Error(`Two projections are named ${projection.name}`);
    names.add(projection.name);
    for (const table of projection.tables) {
      const owner = owners.get(table);
      if (owner) throw new Error(`Table ${table} is owned by both ${owner} and ${projection.name}`);
      owners.set(table, projection.name);
    }
  }
}

/** Checkpoint and lock name of a projection (kept apart from reactors and the job dispatcher). */
export function projectionConsumer(projectionName: string): string {
  return `projection:${projectionName}`;
}

/** Checkpoint of an unfinished rebuild, so a crashed rebuild resumes instead of starting over. */
export function rebuildConsumer(projectionName: string): string {
  return `projection:${projectionName}:rebuild`;
}
