export * from './test-database';
export * from './test-redis';
export * from './migrate';
export * from './log-capture';
