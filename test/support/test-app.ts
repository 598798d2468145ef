// Builds the real app in-process for an e2e suite: its own database (migrated like at boot), its
// own BullMQ prefix on the machine's Redis, logs silenced. Call `close()` in afterAll.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import type { ModuleImports } from '../../src/app.module';
import type { AppRuntime } from '../../src/ops/bootstrap/app-runtime';
import { createApp } from '../../src/ops/bootstrap/create-app';
import { loadAppConfig } from '../../src/ops/config/app-config';
import { runAppMigrations } from '../../src/ops/database/database-bootstrap';
import { appMigrations, MigrationClass } from '../../src/ops/database/migrations';
import { createAppLogger } from '../../src/ops/logging/app-logger';
import { createTestDatabase, TestDatabase } from './test-database';
import { createTestQueuePrefix, TEST_REDIS_URL, TestQueuePrefix } from './test-redis';

export interface TestAppOptions {
  /** Names the database and queue prefix, e.g. the suite's name. */
  tag?: string;
  /** Extra environment for loadAppConfig, e.g. `{ APP_ROLE: 'api' }` or a dead REDIS_URL. */
  env?: Record<string, string>;
  /** Extra modules, e.g. a test-only controller. */
  imports?: ModuleImports;
  /** Migrations to run with the app's own (e.g. a test-only read-model table). */
  migrations?: readonly MigrationClass[];
  /** Where log lines go (at `env.LOG_LEVEL`), for suites that check them; silent otherwise. */
  logDestination?: DestinationStream;
}

export interface TestApp {
  app: NestFastifyApplication;
  /** The HTTP server to hand to supertest: `request(testApp.server)`. */
  server: ReturnType<NestFastifyApplication['getHttpServer']>;
  runtime: AppRuntime;
  database: TestDatabase;
  queuePrefix: TestQueuePrefix;
  close(): Promise<void>;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const tag = options.tag ?? 'app';
  const database = await createTestDatabase(tag);
  const queuePrefix = createTestQueuePrefix(tag);
  // The machine's environment first (so a suite may still set process.env), then this run's
  // database and queue prefix, then the suite's own variables: one environment for every context.
  const config = loadAppConfig({
    ...process.env,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix.prefix,
    EMBEDDED: 'never',
    LOG_LEVEL: options.logDestination === undefined ? 'silent' : 'info',
    // Two suites run at once on a server of 100 connections: a smaller pool than production's 30
    // still covers every projection's lock connection plus requests.
    DATABASE_POOL_SIZE: '20',
    // A read-your-writes read is not a timing assertion: on a busy machine (two suites at once,
    // CPU stolen by neighbours) a read model may need longer than production's 2 s to catch up.
    READ_WAIT_MS: '15000',
    ...options.env,
  });
  const runtime: AppRuntime = { config, databaseUrl: database.url, jobs: { kind: 'redis', url: config.redisUrl }, embeddedPostgres: null };
  let app: NestFastifyApplication | null = null;
  try {
    await runAppMigrations(database.url, [...appMigrations, ...(options.migrations ?? [])]);
    // No Swagger UI in-process (see CreateAppOptions.swaggerUi); the child-process suites check /docs.
    app = await createApp(runtime, { logger: createAppLogger(config.logLevel, options.logDestination), imports: options.imports, swaggerUi: false });
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await app?.close();
    await database.drop();
    throw error;
  }
  const started = app;
  return {
    app: started,
    server: started.getHttpServer(),
    runtime,
    database,
    queuePrefix,
    close: async () => {
      try {
        await started.close();
      } finally {
        await database.drop();
        await queuePrefix.cleanup();
      }
    },
  };
}
