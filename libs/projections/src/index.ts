// Public API of libs/projections (DESIGN §3.4): checkpoints, single-active consumer lock,
// projection runner and rebuilds. Other libraries and the app import only from here.
export * from './checkpoints/checkpoints.migrations';
export * from './checkpoints/checkpoint-store';
export * from './checkpoints/sql-runner';
export * from './lock/consumer-lock';
