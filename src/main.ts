// Entry point of `npm start`: validate config, find or start PostgreSQL and the queue backend,
// create and migrate the database, then serve HTTP and/or run background work per APP_ROLE.
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppRuntime, resolveRuntime } from './ops/bootstrap/app-runtime';
import { BootError, exitOnBootFailure } from './ops/bootstrap/boot-error';
import { createApp } from './ops/bootstrap/create-app';
import { closeOnSignals, shutdown } from './ops/bootstrap/graceful-shutdown';
import { boundHeapGrowth } from './ops/bootstrap/heap-growth';
import { loadAppConfig, servesHttp } from './ops/config/app-config';
import { prepareDatabase } from './ops/database/database-bootstrap';
import { createAppLogger } from './ops/logging/app-logger';

async function listen(app: NestFastifyApplication, runtime: AppRuntime): Promise<void> {
  const { host, port } = runtime.config;
  try {
    await app.listen({ host, port });
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new BootError(`Port ${port} on ${host} is already in use: stop the other server or set PORT to a free port`);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  boundHeapGrowth(process.env);
  const config = loadAppConfig(process.env);
  const logger = createAppLogger(config.logLevel);
  logger.info({ role: config.role, eventStore: config.eventStore, embedded: config.embedded }, 'starting the cobalt credit registry');
  const runtime = await resolveRuntime(config, logger);
  let app: NestFastifyApplication | null = null;
  try {
    await prepareDatabase(runtime.databaseUrl, logger);
    app = await createApp(runtime, { logger });
    closeOnSignals(app, runtime, logger);
    if (servesHttp(config.role)) {
      await listen(app, runtime);
      logger.info({ url: `http://${config.host}:${config.port}`, docs: '/docs' }, 'HTTP API listening');
    } else {
      logger.info('APP_ROLE=worker: running background work without an HTTP listener');
    }
  } catch (error) {
    await shutdown(app, runtime).catch(() => undefined);
    throw error;
  }
}

main().catch(exitOnBootFailure);
