// Public API of libs/projections (DESIGN §3.4): checkpoints, single-active consumer lock,
// projection runner and rebuilds. Other libraries and the app import only from here.
export * from './checkpoints/checkpoints.migrations';
export * from './checkpoints/checkpoint-store';
export * from './checkpoints/sql-runner';
export * from './lock/consumer-lock';
export * from './projection';
export type { ProjectionDeps } from './projection-deps';
export { DEFAULT_BATCH_SIZE } from './projection-deps';
export * from './projection-runner';
export * from './projections-logger';
export * from './projections.errors';
export { rebuildProjection } from './rebuild/rebuild-projection';
export type { RebuildResult } from './rebuild/rebuild-projection';
export * from './rebuild/rebuild-projection-by-name';
