// What a CLI command is, and the shared steps commands need (finding the database, booting the
// app's modules without HTTP). One file per command lives in ./commands.
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppModule } from '../../app.module';
import { resolveDatabase, resolveRuntime } from '../bootstrap/app-runtime';
import type { AppConfig } from '../config/app-config';

export interface CliContext {
  config: AppConfig;
  logger: Logger;
  /** Where command results go (stdout); logs go through `logger`. */
  print(line: string): void;
}

export interface CliCommand {
  name: string;
  /** Arguments after the name, e.g. `<name>`. */
  usage: string;
  summary: string;
  run(args: readonly string[], context: CliContext): Promise<void>;
}

/** Wrong arguments: printed as one line with the usage. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** Runs `work` against the app database, starting (and stopping) the embedded server if needed. */
export async function withDatabase<T>(context: CliContext, work: (databaseUrl: string) => Promise<T>): Promise<T> {
  const { databaseUrl, embeddedPostgres } = await resolveDatabase(context.config, context.logger);
  try {
    return await work(databaseUrl);
  } finally {
    await embeddedPostgres?.stop();
  }
}

/**
 * Boots every module (so contexts register their projections) as an application context: no HTTP
 * listener, and role `api` so no runner or worker starts inside a CLI command.
 */
export async function withAppContext<T>(context: CliContext, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const runtime = await resolveRuntime({ ...context.config, role: 'api' }, context.logger);
  let app: INestApplicationContext | null = null;
  try {
    app = await NestFactory.createApplicationContext(AppModule.register({ runtime, logger: context.logger }), {
      logger: false,
      abortOnError: false,
    });
    return await work(app);
  } finally {
    await app?.close();
    await runtime.embeddedPostgres?.stop();
  }
}
