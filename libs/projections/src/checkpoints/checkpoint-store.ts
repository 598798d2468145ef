// Reads and writes consumer checkpoints. Writes always go through the caller's transaction, so a
// consumer's effects and its checkpoint commit together or not at all (DESIGN §3.4).
import type { DataSource } from 'typeorm';
import type { LogPosition } from '@lib/event-store';
import { queryRows, SqlRunner } from './sql-runner';

export interface Checkpoint {
  consumer: string;
  /** Version of the consumer's code that wrote this checkpoint (projections rebuild on change). */
  version: number;
  /** Last log position whose effects are committed; null when nothing was consumed yet. */
  position: LogPosition | null;
  /** Set by `requestRebuild`, cleared when a rebuild swaps in. */
  rebuildRequestedAt: Date | null;
  updatedAt: Date;
}

export interface LoadCheckpointOptions {
  /** Row-locks the checkpoint until the caller's transaction ends (needs a transaction). */
  forUpdate?: boolean;
}

interface CheckpointRow {
  consumer: string;
  version: number;
  position_commit: string | null;
  position_prepare: string | null;
  rebuild_requested_at: Date | null;
  updated_at: Date;
}

const MAX_CONSUMER_LENGTH = 200;

export function assertConsumerName(consumer: string): void {
  if (consumer.length === 0 || consumer.length > MAX_CONSUMER_LENGTH) {
    throw new Error(`Consumer name must have 1..${MAX_CONSUMER_LENGTH} characters, got ${consumer.length}`);
  }
}

function toCheckpoint(row: CheckpointRow): Checkpoint {
  const position =
    row.position_commit === null || row.position_prepare === null
      ? null
      : { commit: BigInt(row.position_commit), prepare: BigInt(row.position_prepare) };
  return {
    consumer: row.consumer,
    version: row.version,
    position,
    rebuildRequestedAt: row.rebuild_requested_at,
    updatedAt: row.updated_at,
  };
}

export class CheckpointStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The consumer's checkpoint, or null when it never saved one. Without `runner`, reads outside any transaction. */
  async load(consumer: string, runner?: SqlRunner, options: LoadCheckpointOptions = {}): Promise<Checkpoint | null> {
    assertConsumerName(consumer);
    const lock = options.forUpdate ? ' FOR UPDATE' : '';
    const rows = await queryRows<CheckpointRow>(
      runner ?? this.dataSource.manager,
      `SELECT consumer, version, position_commit::text AS position_commit, position_prepare::text AS position_prepare,
              rebuild_requested_at, updated_at
         FROM checkpoints WHERE consumer = $1${lock}`,
      [consumer],
    );
    return rows.length === 0 ? null : toCheckpoint(rows[0]);
  }

  /** Checkpoints of every consumer whose name starts with `prefix` (for status pages). */
  async list(prefix = ''): Promise<Checkpoint[]> {
    const rows = await queryRows<CheckpointRow>(
      this.dataSource.manager,
      `SELECT consumer, version, position_commit::text AS position_commit, position_prepare::text AS position_prepare,
              rebuild_requested_at, updated_at
         FROM checkpoints WHERE starts_with(consumer, $1) ORDER BY consumer`,
      [prefix],
    );
    return rows.map(toCheckpoint);
  }

  /**
   * Upserts the checkpoint with the caller's runner (mandatory on purpose): inside the transaction
   * that writes its effects when they are in this database (saved apart, they would be lost or
   * doubled after a crash); alone when they live elsewhere (queued jobs, appended events).
   * Leaves a pending rebuild request in place.
   */
  async save(consumer: string, version: number, position: LogPosition | null, runner: SqlRunner): Promise<void> {
    assertConsumerName(consumer);
    if (!Number.isInteger(version) || version < 0) throw new Error(`Checkpoint version must be a non-negative integer, got ${version}`);
    await runner.query(
      `INSERT INTO checkpoints (consumer, version, position_commit, position_prepare, updated_at)
       VALUES ($1, $2, $3, $4, clock_timestamp())
       ON CONFLICT (consumer) DO UPDATE
         SET version = EXCLUDED.version,
             position_commit = EXCLUDED.position_commit,
             position_prepare = EXCLUDED.position_prepare,
             updated_at = EXCLUDED.updated_at`,
      [consumer, version, position?.commit.toString() ?? null, position?.prepare.toString() ?? null],
    );
  }

  /**
   * Compare-and-set: moves the checkpoint from `from` to `to` only if it is still at `from`, still
   * of `version` and no rebuild was requested; false otherwise (somebody else moved it: re-plan).
   * In the caller's transaction it also row-locks the checkpoint until that transaction ends, so
   * effects written after it commit with it. Alone (autocommit) it records progress that has no
   * effects, such as events a projection does not fold.
   */
  async advance(consumer: string, version: number, from: LogPosition | null, to: LogPosition, runner: SqlRunner): Promise<boolean> {
    assertConsumerName(consumer);
    const rows = await queryRows<{ consumer: string }>(
      runner,
      // In a CTE so the driver answers with the rows, whatever it does with an UPDATE's result.
      `WITH moved AS (
         UPDATE checkpoints
            SET position_commit = $3, position_prepare = $4, updated_at = clock_timestamp()
          WHERE consumer = $1 AND version = $2 AND rebuild_requested_at IS NULL
            AND position_commit IS NOT DISTINCT FROM $5::numeric AND position_prepare IS NOT DISTINCT FROM $6::bigint
          RETURNING consumer)
       SELECT consumer FROM moved`,
      [consumer, version, to.commit.toString(), to.prepare.toString(), from?.commit.toString() ?? null, from?.prepare.toString() ?? null],
    );
    return rows.length === 1;
  }

  /** Removes the checkpoint (a rebuild's scratch progress, for instance) inside the caller's transaction. */
  async delete(consumer: string, runner: SqlRunner): Promise<void> {
    assertConsumerName(consumer);
    await runner.query('DELETE FROM checkpoints WHERE consumer = $1', [consumer]);
  }

  /**
   * Asks whoever runs `consumer` to rebuild it. A consumer without a checkpoint needs no request:
   * it starts with a full build anyway.
   */
  async requestRebuild(consumer: string, runner?: SqlRunner): Promise<void> {
    assertConsumerName(consumer);
    await (runner ?? this.dataSource.manager).query(
      'UPDATE checkpoints SET rebuild_requested_at = clock_timestamp() WHERE consumer = $1',
      [consumer],
    );
  }

  /** Clears a rebuild request inside the caller's transaction (the rebuild's swap). */
  async clearRebuildRequest(consumer: string, runner: SqlRunner): Promise<void> {
    assertConsumerName(consumer);
    await runner.query('UPDATE checkpoints SET rebuild_requested_at = NULL WHERE consumer = $1', [consumer]);
  }
}
