// Which services boot picks (DESIGN §5), against the machine's real PostgreSQL and Redis and a
// port where nothing listens. The embedded-PostgreSQL branch runs in test/ops-embedded.e2e.ts.
import { createServer } from 'net';
import pino from 'pino';
import { createTestDatabase, TEST_REDIS_URL, TestDatabase } from '@test/support';
import { AppConfig, loadAppConfig } from '../config/app-config';
import { resolveDatabase, resolveJobsConnection } from './app-runtime';
import { BootError } from './boot-error';

const silent = pino({ level: 'silent' });

function deadPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('resolveJobsConnection', () => {
  const databaseUrl = 'postgres://postgres@127.0.0.1:5432/cobalt_unused';

  it('resolveJobsConnection_WhenRedisAnswers_ThenRedis', async () => {
    const config = loadAppConfig({ REDIS_URL: TEST_REDIS_URL });
    await expect(resolveJobsConnection(config, databaseUrl, silent)).resolves.toEqual({ kind: 'redis', url: TEST_REDIS_URL });
  });

  it('resolveJobsConnection_WhenRedisUnsetAndDefaultSilent_ThenQueuesOnPostgres', async () => {
    // The default URL with nothing behind it, as on a machine without Redis.
    const config: AppConfig = { ...loadAppConfig({}), redisUrl: `redis://127.0.0.1:${await deadPort()}` };
    await expect(resolveJobsConnection(config, databaseUrl, silent)).resolves.toEqual({ kind: 'postgres', url: databaseUrl });
  });

  it('resolveJobsConnection_WhenRedisUrlGivenButSilent_ThenBootErrorInsteadOfFallback', async () => {
    const config = loadAppConfig({ REDIS_URL: `redis://127.0.0.1:${await deadPort()}` });
    await expect(resolveJobsConnection(config, databaseUrl, silent)).rejects.toThrow(BootError);
  });

  it('resolveJobsConnection_WhenEmbeddedNeverAndRedisSilent_ThenBootError', async () => {
    const config: AppConfig = { ...loadAppConfig({ EMBEDDED: 'never' }), redisUrl: `redis://127.0.0.1:${await deadPort()}` };
    await expect(resolveJobsConnection(config, databaseUrl, silent)).rejects.toThrow(/^Redis is not reachable/);
  });

  it('resolveJobsConnection_WhenEmbeddedAlways_ThenPostgresEvenWithRedisUp', async () => {
    const config = loadAppConfig({ EMBEDDED: 'always' });
    await expect(resolveJobsConnection(config, databaseUrl, silent)).resolves.toEqual({ kind: 'postgres', url: databaseUrl });
  });
});

describe('resolveDatabase', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('runtime');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('resolveDatabase_WhenGivenServerAnswers_ThenUsesItWithoutEmbedded', async () => {
    const config = loadAppConfig({ DATABASE_URL: database.url });
    await expect(resolveDatabase(config, silent)).resolves.toEqual({ databaseUrl: database.url, embeddedPostgres: null });
  });

  it('resolveDatabase_WhenGivenServerSilent_ThenBootErrorNamingIt', async () => {
    const port = await deadPort();
    const config = loadAppConfig({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/cobalt` });
    await expect(resolveDatabase(config, silent)).rejects.toThrow(`PostgreSQL is not reachable at postgres://127.0.0.1:${port}/cobalt`);
  });
});
