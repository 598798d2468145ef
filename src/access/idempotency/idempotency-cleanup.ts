// Deletes idempotency records past their retention (48 h; R12 asks for at least 24 h), hourly, in
// processes that run background work. A plain DELETE: several replicas doing it at once is harmless.
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AppConfig } from '../../ops/config/app-config';
import { runsBackgroundWork } from '../../ops/config/app-config';
import { APP_CONFIG, APP_LOGGER } from '../../ops/platform/platform.tokens';
import { IdempotencyStore } from './idempotency.store';

const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

@Injectable()
export class IdempotencyCleanup implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  private readonly logger: Logger;

  constructor(
    private readonly store: IdempotencyStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: IdempotencyCleanup.name });
  }

  onApplicationBootstrap(): void {
    if (!runsBackgroundWork(this.config.role)) return;
    this.timer = setInterval(() => void this.runOnce(), CLEANUP_INTERVAL_MS);
    // Never keeps the process alive on its own.
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass; failures are logged and retried at the next tick. */
  async runOnce(): Promise<number> {
    try {
      const deleted = await this.store.deleteExpired();
      if (deleted > 0) this.logger.info({ deleted }, 'deleted expired idempotency records');
      return deleted;
    } catch (error) {
      this.logger.warn({ err: error }, 'could not delete expired idempotency records');
      return 0;
    }
  }
}
