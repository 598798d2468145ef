// Nest injection tokens of the infrastructure the app shell provides to every context
// (PlatformModule is global): `@Inject(EVENT_STORE) store: EventStore`, and so on.
// The TypeORM DataSource is injected by its class (`constructor(dataSource: DataSource)`).

/** AppRuntime: the validated config plus what boot resolved (database URL, jobs backend). */
export const APP_RUNTIME = Symbol('APP_RUNTIME');
/** AppConfig, the validated environment. */
export const APP_CONFIG = Symbol('APP_CONFIG');
/** The process's pino Logger: providers take `logger.child({ context: Class.name })` of it. */
export const APP_LOGGER = Symbol('APP_LOGGER');
/** EventStore (@lib/event-store port), already wrapped with metrics. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** JobsConfig (@lib/jobs): connection + prefix, for workers. */
export const JOBS_CONFIG = Symbol('JOBS_CONFIG');
/** JobQueues (@lib/jobs): the producer side, for enqueuing and queue depths. */
export const JOB_QUEUES = Symbol('JOB_QUEUES');
/** ProjectionStatusSource (the ProjectionsHost): what /ready and /metrics read projection lag from. */
export const PROJECTION_STATUS = Symbol('PROJECTION_STATUS');
