// Typed configuration read once at boot from the environment (DESIGN §5). Every variable is
// checked here so a bad value stops the process with one line naming it, before anything starts.

export type AppRole = 'all' | 'api' | 'worker';
export type EventStoreKind = 'postgres' | 'eventstoredb' | 'memory';
export type EmbeddedMode = 'auto' | 'always' | 'never';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cobalt';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface AppConfig {
  databaseUrl: string;
  /** False when DATABASE_URL was not given: only then may the embedded PostgreSQL be used. */
  databaseUrlGiven: boolean;
  redisUrl: string;
  /** False when REDIS_URL was not given: only then may the jobs fall back to PostgreSQL. */
  redisUrlGiven: boolean;
  eventStore: EventStoreKind;
  /** EventStoreDB connection string; set exactly when eventStore is `eventstoredb`. */
  eventStoreUrl: string | null;
  host: string;
  port: number;
  role: AppRole;
  logLevel: LogLevel;
  queuePrefix: string;
  embedded: EmbeddedMode;
  /** Where the embedded PostgreSQL keeps its files. */
  embeddedDataDir: string;
  bodyLimitBytes: number;
  /**
   * Connections of the app's TypeORM pool. Each running projection and the job dispatcher hold
   * one for their lock, so it must exceed their count plus what requests need.
   */
  databasePoolSize: number;
  /** /ready answers 503 when a projection is further behind the log than this. */
  readyMaxLagEvents: number;
  /** Each readiness check gives up after this long, so /ready itself never hangs. */
  readyCheckTimeoutMs: number;
  /**
   * Longest wait of a read-your-writes read (`?minPosition=`, a command finding a purchase made a
   * moment ago) for the read models; then 503. Bounded so a stuck projection costs a caller this
   * long, not a hung connection.
   */
  readWaitMs: number;
  /**
   * The environment this configuration was read from. Bounded contexts read their own settings
   * (rate limits, reservation TTL, webhook keys…) from it, so a process, or a test app built with
   * its own variables, has one source of settings.
   */
  environment: Environment;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** A bad configuration value; its message is the single line printed at boot. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

function given(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function oneOf<T extends string>(env: Environment, name: string, allowed: readonly T[], fallback: T): T {
  const value = given(env, name);
  if (value === undefined) return fallback;
  const match = allowed.find((candidate) => candidate === value.toLowerCase());
  if (match === undefined) {
    throw new ConfigError(name, `must be one of ${allowed.join('|')} (got "${value}")`);
  }
  return match;
}

function integer(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const value = given(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be an integer between ${min} and ${max} (got "${value}")`);
  }
  return Number(value);
}

function url(env: Environment, name: string, fallback: string, protocols: readonly string[]): string {
  const value = given(env, name) ?? fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `must be a URL like ${fallback} (got an unparsable value)`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
  }
  return value;
}

function databaseUrl(env: Environment): string {
  const value = url(env, 'DATABASE_URL', DEFAULT_DATABASE_URL, ['postgres:', 'postgresql:']);
  const database = decodeURIComponent(new URL(value).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(database)) {
    throw new ConfigError('DATABASE_URL', 'must name a database (letters, digits, _ or -), e.g. .../cobalt');
  }
  return value;
}

const QUEUE_PREFIX_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function loadAppConfig(env: Environment): AppConfig {
  const eventStore = oneOf<EventStoreKind>(env, 'EVENT_STORE', ['postgres', 'eventstoredb', 'memory'], 'postgres');
  const eventStoreUrl = given(env, 'EVENTSTORE_URL') ?? null;
  if (eventStore === 'eventstoredb' && eventStoreUrl === null) {
    throw new ConfigError('EVENTSTORE_URL', 'is required when EVENT_STORE=eventstoredb (e.g. esdb://127.0.0.1:2113?tls=false)');
  }
  const embedded = oneOf<EmbeddedMode>(env, 'EMBEDDED', ['auto', 'always', 'never'], 'auto');
  const databaseUrlGiven = given(env, 'DATABASE_URL') !== undefined;
  const redisUrlGiven = given(env, 'REDIS_URL') !== undefined;
  if (embedded === 'always' && (databaseUrlGiven || redisUrlGiven)) {
    // Silently ignoring an explicit URL would point the app at a different database than asked.
    throw new ConfigError('EMBEDDED', 'is "always", so DATABASE_URL and REDIS_URL must be unset');
  }
  const queuePrefix = given(env, 'QUEUE_PREFIX') ?? 'cobalt';
  if (!QUEUE_PREFIX_PATTERN.test(queuePrefix)) {
    throw new ConfigError('QUEUE_PREFIX', `must be 1-64 letters, digits, _ or - (got "${queuePrefix}")`);
  }
  return {
    environment: env,
    databaseUrl: databaseUrl(env),
    databaseUrlGiven,
    redisUrl: url(env, 'REDIS_URL', DEFAULT_REDIS_URL, ['redis:', 'rediss:']),
    redisUrlGiven,
    eventStore,
    eventStoreUrl: eventStore === 'eventstoredb' ? eventStoreUrl : null,
    host: given(env, 'HOST') ?? '0.0.0.0',
    port: integer(env, 'PORT', 3000, 1, 65535),
    role: oneOf<AppRole>(env, 'APP_ROLE', ['all', 'api', 'worker'], 'all'),
    logLevel: oneOf<LogLevel>(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    queuePrefix,
    embedded,
    embeddedDataDir: given(env, 'EMBEDDED_DATA_DIR') ?? '.data/pg',
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1_024, 104_857_600),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 30, 4, 500),
    readyMaxLagEvents: integer(env, 'READY_MAX_LAG_EVENTS', 1_000, 0, 1_000_000_000),
    readyCheckTimeoutMs: integer(env, 'READY_CHECK_TIMEOUT_MS', 2_000, 50, 60_000),
    readWaitMs: integer(env, 'READ_WAIT_MS', 2_000, 10, 60_000),
  };
}

/** Roles that serve HTTP, and roles that run the projection runner, job workers and dispatcher. */
export function servesHttp(role: AppRole): boolean {
  return role === 'all' || role === 'api';
}

export function runsBackgroundWork(role: AppRole): boolean {
  return role === 'all' || role === 'worker';
}
