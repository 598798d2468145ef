// Where the queues live (DESIGN §3.5, §5): Redis by default, or BullMQ 6's PostgreSQL backend for
// the embedded no-Redis mode. Turns our small config into the options BullMQ's classes take.
import { BackendFactory, createPostgresBackend, createRedisBackend, IQueueBackend, PostgresPoolConfig, RedisOptions } from 'bullmq';

export type JobsConnection = { kind: 'redis'; url: string } | { kind: 'postgres'; url: string };

export interface JobsConfig {
  connection: JobsConnection;
  /**
   * Namespace of every queue: the Redis key prefix, or (PostgreSQL) the schema BullMQ's tables
   * live in. Each test run uses its own (`createTestQueuePrefix()`).
   */
  prefix: string;
}

/** What a Queue or Worker constructor needs: connection options, key prefix and backend factory. */
export type BullConnectionOptions = RedisOptions | PostgresPoolConfig;

export interface BullBackendOptions {
  connection: BullConnectionOptions;
  prefix?: string;
  backendFactory: BackendFactory<IQueueBackend, BullConnectionOptions>;
}

// Why the casts: each factory accepts only its own connection type, and bullBackendOptions always
// pairs them correctly; BullMQ's classes only need "some backend" from here on.
const redisBackend = createRedisBackend as BackendFactory<IQueueBackend, BullConnectionOptions>;
const postgresBackend = createPostgresBackend as BackendFactory<IQueueBackend, BullConnectionOptions>;

/** Who uses the connection: producers must fail fast when Redis is down, workers must wait. */
export type ConnectionRole = 'producer' | 'worker';

/** PostgreSQL allows 63-byte identifiers; BullMQ accepts only simple ones (letters, digits, _). */
const MAX_SCHEMA_LENGTH = 63;

/** Maps a queue prefix such as `cobalt-test-jobs-1a2b` to a schema name `cobalt_test_jobs_1a2b`. */
export function postgresSchemaFor(prefix: string): string {
  const schema = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const safe = /^[a-z_]/.test(schema) ? schema : `q_${schema}`;
  if (safe.length === 0 || safe.length > MAX_SCHEMA_LENGTH) {
    throw new Error(`Queue prefix "${prefix}" cannot be used as a PostgreSQL schema name`);
  }
  return safe;
}

/** Pool size per Queue/Worker on the PostgreSQL backend; the LISTEN client is separate. */
const POSTGRES_POOL_SIZE = 4;
const POSTGRES_CONNECT_TIMEOUT_MS = 5_000;

/**
 * Reconnect delay after `attempt` failed connects: 0.5 s more each time, at most 5 s. Why not
 * BullMQ's default (exponential up to 20 s): after a long outage, jobs would sit up to 20 s
 * longer than needed once Redis is back.
 */
function reconnectDelayMs(attempt: number): number {
  return Math.min(500 * attempt, 5_000);
}

export function bullBackendOptions(config: JobsConfig, role: ConnectionRole): BullBackendOptions {
  const { connection } = config;
  switch (connection.kind) {
    case 'redis': {
      // Why: with the offline queue on, a producer's add() would wait (and pile up) until Redis
      // returns. Failing fast lets the dispatcher log, back off and retry from its own position.
      const producer: RedisOptions = { url: connection.url, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: reconnectDelayMs };
      // Workers block on Redis and must keep retrying while it is away (BullMQ requires null).
      const worker: RedisOptions = { url: connection.url, maxRetriesPerRequest: null, retryStrategy: reconnectDelayMs };
      return { connection: role === 'producer' ? producer : worker, prefix: config.prefix, backendFactory: redisBackend };
    }
    case 'postgres':
      return {
        // `migrate: true`: BullMQ creates or upgrades its schema under an advisory lock, so
        // several processes booting at once are safe.
        connection: {
          connectionString: connection.url,
          schema: postgresSchemaFor(config.prefix),
          migrate: true,
          max: POSTGRES_POOL_SIZE,
          // Why: pg waits forever for a connection by default; a dispatch attempt must fail and retry.
          connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
        },
        backendFactory: postgresBackend,
      };
    default: {
      const unknown: never = connection;
      throw new Error(`Unknown jobs connection ${JSON.stringify(unknown)}`);
    }
  }
}

/** For logs: the kind and host, never the credentials in the URL. */
export function describeConnection(connection: JobsConnection): string {
  try {
    const url = new URL(connection.url);
    return `${connection.kind}://${url.host}`;
  } catch {
    return connection.kind;
  }
}
