// Stops the process cleanly on SIGTERM/SIGINT: Nest's hooks first (runners and workers stop in
// onModuleDestroy, pools close in onApplicationShutdown), then the embedded PostgreSQL.
// Why not app.enableShutdownHooks(): Nest re-raises the signal right after close(), which would
// kill the process before the embedded server, which the pools still used, could be stopped.
import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AppRuntime } from './app-runtime';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

export async function shutdown(app: INestApplication | null, runtime: AppRuntime): Promise<void> {
  try {
    await app?.close();
  } finally {
    await runtime.embeddedPostgres?.stop();
  }
}

export function closeOnSignals(app: INestApplication, runtime: AppRuntime, logger: Logger): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    shutdown(app, runtime).then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
}
