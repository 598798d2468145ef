// Public API of libs/jobs (DESIGN §3.5): queue plumbing on Redis or BullMQ's PostgreSQL backend,
// the event-log → job dispatcher, and queue depths for metrics. Framework-free.
export * from './jobs-connection';
export * from './jobs-logger';
export * from './job-defaults';
export * from './job-queues';
export * from './job-worker';
export * from './job-routes';
export * from './queue-depths';
export { DEFAULT_DISPATCH_BACKOFF, TimeoutError } from './retry-backoff';
export type { BackoffPolicy } from './retry-backoff';
export * from './dispatch/job-dispatcher';
export type { JobScreen } from './dispatch/enqueue-event-jobs';
