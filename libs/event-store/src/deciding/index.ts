export * from './decide-on-stream';
export * from './stream-state-cache';
export * from './stream-command-queue';
