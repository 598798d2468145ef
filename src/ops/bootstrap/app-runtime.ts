// Decides, before Nest starts, which PostgreSQL and which queue backend the process uses
// (DESIGN §5): the real services when they are there, the embedded ones otherwise.
import type { JobsConnection } from '@lib/jobs';
import type { Logger } from 'pino';
import { AppConfig, DEFAULT_DATABASE_URL } from '../config/app-config';
import { EmbeddedPostgresServer, startEmbeddedPostgres } from '../database/embedded-postgres-server';
import { describeUrl } from '../logging/app-logger';
import { isListening, probeEventStoreDb, probePostgres, probeRedis, redisAnswers } from './service-probe';

export interface AppRuntime {
  config: AppConfig;
  /** The app database actually used (the embedded server's when one was started). */
  databaseUrl: string;
  jobs: JobsConnection;
  /** Stopped last on shutdown, after every pool using it is closed. */
  embeddedPostgres: EmbeddedPostgresServer | null;
}

export interface ResolvedDatabase {
  databaseUrl: string;
  embeddedPostgres: EmbeddedPostgresServer | null;
}

export async function resolveDatabase(config: AppConfig, logger: Logger): Promise<ResolvedDatabase> {
  const defaultServer = new URL(DEFAULT_DATABASE_URL);
  const useEmbedded =
    config.embedded === 'always' ||
    (config.embedded === 'auto' && !config.databaseUrlGiven && !(await isListening(defaultServer.hostname, Number(defaultServer.port))));
  if (!useEmbedded) {
    await probePostgres(config.databaseUrl);
    logger.info({ database: describeUrl(config.databaseUrl) }, 'PostgreSQL: using the server at DATABASE_URL');
    return { databaseUrl: config.databaseUrl, embeddedPostgres: null };
  }
  const reason = config.embedded === 'always' ? 'EMBEDDED=always' : `DATABASE_URL is unset and nothing listens on ${defaultServer.host}`;
  logger.info({ dataDir: config.embeddedDataDir }, `PostgreSQL: starting the embedded server (${reason})`);
  const embeddedPostgres = await startEmbeddedPostgres(config.embeddedDataDir, logger);
  logger.info({ database: describeUrl(embeddedPostgres.url), dataDir: embeddedPostgres.dataDir }, 'PostgreSQL: embedded server is up');
  return { databaseUrl: embeddedPostgres.url, embeddedPostgres };
}

export async function resolveJobsConnection(config: AppConfig, databaseUrl: string, logger: Logger): Promise<JobsConnection> {
  const usePostgres =
    config.embedded === 'always' || (config.embedded === 'auto' && !config.redisUrlGiven && !(await redisAnswers(config.redisUrl)));
  if (usePostgres) {
    const reason = config.embedded === 'always' ? 'EMBEDDED=always' : `REDIS_URL is unset and no Redis answers at ${describeUrl(config.redisUrl)}`;
    logger.info(`Job queues: BullMQ on PostgreSQL (${reason})`);
    return { kind: 'postgres', url: databaseUrl };
  }
  await probeRedis(config.redisUrl);
  logger.info({ redis: describeUrl(config.redisUrl) }, 'Job queues: BullMQ on Redis');
  return { kind: 'redis', url: config.redisUrl };
}

/** Resolves every service; stops the embedded server again when a later step fails. */
export async function resolveRuntime(config: AppConfig, logger: Logger): Promise<AppRuntime> {
  const { databaseUrl, embeddedPostgres } = await resolveDatabase(config, logger);
  try {
    const jobs = await resolveJobsConnection(config, databaseUrl, logger);
    if (config.eventStoreUrl !== null) {
      const { host, port } = await probeEventStoreDb(config.eventStoreUrl);
      logger.info(`Event store: EventStoreDB at ${host}:${port}`);
    }
    return { config, databaseUrl, jobs, embeddedPostgres };
  } catch (error) {
    await embeddedPostgres?.stop();
    throw error;
  }
}
