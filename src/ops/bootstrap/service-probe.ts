// Reachability checks run before the app starts, so a missing service becomes one clear line
// instead of a stack trace from deep inside a driver.
import { Socket } from 'net';
import Redis from 'ioredis';
import { Client } from 'pg';
import { describeUrl } from '../logging/app-logger';
import { BootError } from './boot-error';

const PROBE_TIMEOUT_MS = 3_000;

/** True when something accepts TCP connections on host:port. */
export function isListening(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const finish = (listening: boolean) => {
      socket.destroy();
      resolve(listening);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.connect(port, host);
  });
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Connects to the server's maintenance database: the app database may not exist yet. */
export async function probePostgres(databaseUrl: string): Promise<void> {
  const serverUrl = new URL(databaseUrl);
  serverUrl.pathname = '/postgres';
  const client = new Client({ connectionString: serverUrl.toString(), connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw postgresBootError(databaseUrl, error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function postgresBootError(databaseUrl: string, error: unknown): BootError {
  const where = describeUrl(databaseUrl);
  const code = errorCode(error);
  if (code === '28P01' || code === '28000') {
    return new BootError(`PostgreSQL at ${where} refused the login: check the user and password in DATABASE_URL`);
  }
  const reason = error instanceof Error && error.message !== '' ? error.message : String(code ?? 'no answer');
  return new BootError(
    `PostgreSQL is not reachable at ${where} (${reason}): start it (e.g. docker compose up -d postgres) ` +
      'or unset DATABASE_URL to use the embedded one',
  );
}

export async function probeRedis(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    // Why 0: the default waits 2 s for a socket that is already closed when the probe failed.
    disconnectTimeout: 0,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BootError(
      `Redis is not reachable at ${describeUrl(redisUrl)} (${reason}): start it (e.g. docker compose up -d redis) ` +
        'or unset REDIS_URL to run the job queues on PostgreSQL',
    );
  } finally {
    redis.disconnect();
  }
}

/** Same as probeRedis, as a yes/no answer for the automatic fallback. */
export async function redisAnswers(redisUrl: string): Promise<boolean> {
  return probeRedis(redisUrl).then(
    () => true,
    () => false,
  );
}

/** First `host:port` of an EventStoreDB connection string (`esdb://a:2113,b:2113?tls=false`). */
export function eventStoreDbAddress(connectionString: string): { host: string; port: number } | null {
  const match = /^esdb(?:\+discover)?:\/\/(?:[^@/]*@)?([^,/?:]+)(?::(\d+))?/.exec(connectionString);
  if (!match) return null;
  return { host: match[1], port: match[2] === undefined ? 2113 : Number(match[2]) };
}

/** The gRPC client connects lazily; without this, a missing server shows up at the first append. */
export async function probeEventStoreDb(connectionString: string): Promise<{ host: string; port: number }> {
  const address = eventStoreDbAddress(connectionString);
  if (address === null) {
    throw new BootError('EVENTSTORE_URL must look like esdb://host:2113?tls=false');
  }
  if (!(await isListening(address.host, address.port, PROBE_TIMEOUT_MS))) {
    throw new BootError(
      `EventStoreDB is not reachable at ${address.host}:${address.port}: start it (e.g. docker compose up -d eventstore) ` +
        'or set EVENT_STORE=postgres',
    );
  }
  return address;
}
