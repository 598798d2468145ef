// What running or rebuilding projections needs, with the defaults filled in.
import type { DataSource } from 'typeorm';
import type { EventStore } from '@lib/event-store';
import { CheckpointStore } from './checkpoints/checkpoint-store';
import { ProjectionsLogger, silentProjectionsLogger } from './projections-logger';

export interface ProjectionDeps {
  /**
   * Read-model database (the one holding `checkpoints`). Each running projection keeps one of its
   * pooled connections for its lock and transactions: size the pool for that plus other work.
   */
  dataSource: DataSource;
  eventStore: EventStore;
  logger?: ProjectionsLogger;
  /** Events per transaction (default 500, at most 10,000). */
  batchSize?: number;
}

export interface ResolvedProjectionDeps {
  dataSource: DataSource;
  eventStore: EventStore;
  checkpoints: CheckpointStore;
  logger: ProjectionsLogger;
  batchSize: number;
}

export const DEFAULT_BATCH_SIZE = 500;
const MAX_BATCH_SIZE = 10_000;

export function resolveProjectionDeps(deps: ProjectionDeps): ResolvedProjectionDeps {
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new Error(`batchSize must be an integer in 1..${MAX_BATCH_SIZE}, got ${batchSize}`);
  }
  return {
    dataSource: deps.dataSource,
    eventStore: deps.eventStore,
    checkpoints: new CheckpointStore(deps.dataSource),
    logger: deps.logger ?? silentProjectionsLogger,
    batchSize,
  };
}
