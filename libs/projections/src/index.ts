// Public API of libs/projections (DESIGN §3.4): checkpoints, single-active consumer lock,
// projection runner and rebuilds. Other libraries and the app import only from here.
export * from './projections.migrations';
export { CreateCheckpoints1767225600100 } from './checkpoints/create-checkpoints.migration';
export { CreateProjectionRebuildSchema1767225600200, REBUILD_SCHEMA } from './rebuild/create-rebuild-schema.migration';
export * from './checkpoints/checkpoint-store';
export * from './checkpoints/sql-runner';
export * from './lock/consumer-lock';
export * from './consumers/checkpointed-consumer';
export * from './projection';
export type { ProjectionDeps } from './projection-deps';
export { DEFAULT_BATCH_SIZE } from './projection-deps';
export * from './projection-runner';
export * from './projections-logger';
export * from './projections.errors';
export { rebuildProjection } from './rebuild/rebuild-projection';
export type { RebuildResult } from './rebuild/rebuild-projection';
export * from './rebuild/rebuild-projection-by-name';
