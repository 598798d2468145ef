export * from './event-store.port';
export * from './event-store.errors';
export * from './log-position';
export * from './upcasting';
export * from './in-memory';
export * from './postgres';
export * from './eventstoredb';
export * from './deciding';
