// Builds the configured Nest application on Fastify, initialised but not listening. main.ts and
// the e2e suites both use it, so tests exercise exactly what production runs.
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { installRequestIds } from '../../access/auth/request-id.hook';
import { IdempotencyGate, installIdempotencyRecording } from '../../access/idempotency/idempotency-gate';
import { AppModule, ModuleImports } from '../../app.module';
import { setupOpenApi } from '../docs/openapi';
import { installJsonBodyParser } from '../http/json-body-parser';
import { requestIdOf } from '../logging/app-logger';
import { NestPinoLogger } from '../logging/nest-logger';
import { installRequestLogging } from '../logging/request-logging';
import { AppMetrics } from '../metrics/app-metrics';
import { registerHttpMetrics } from '../metrics/http-metrics.hook';
import type { AppRuntime } from './app-runtime';

export interface CreateAppOptions {
  logger: Logger;
  imports?: ModuleImports;
  /**
   * Serve the Swagger UI at /docs (default true). In-process Jest suites turn it off: the UI needs
   * @fastify/static, whose ESM-only dependency (content-disposition) Jest's CommonJS loader cannot
   * require; /docs-json is served either way.
   */
  swaggerUi?: boolean;
}

export async function createApp(runtime: AppRuntime, { logger, imports, swaggerUi = true }: CreateAppOptions): Promise<NestFastifyApplication> {
  const { bodyLimitBytes } = runtime.config;
  const adapter = new FastifyAdapter({
    bodyLimit: bodyLimitBytes,
    genReqId: requestIdOf,
    // A URL Fastify cannot even decode never reaches Nest: answer it in our error format here.
    frameworkErrors: (_error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      void reply.status(400).send({ error: { code: 'REQUEST.BAD_URL', message: 'The request URL is not valid' } });
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register({ runtime, logger, imports }), adapter, {
    bufferLogs: true,
    // Our own JSON parser (installJsonBodyParser) replaces the one Nest would register.
    bodyParser: false,
    // Throw instead of exiting on a wiring error, so boot reports it and tests see it.
    abortOnError: false,
  });
  app.useLogger(new NestPinoLogger(logger));
  const fastify = app.getHttpAdapter().getInstance();
  installRequestIds(fastify);
  installRequestLogging(fastify, logger);
  installJsonBodyParser(fastify, bodyLimitBytes);
  installIdempotencyRecording(fastify, app.get(IdempotencyGate));
  registerHttpMetrics(fastify, app.get(AppMetrics));
  setupOpenApi(app, { ui: swaggerUi });
  await app.init();
  return app;
}
