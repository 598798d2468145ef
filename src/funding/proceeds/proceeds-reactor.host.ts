// Runs the sale proceeds reactor in the roles that do background work (`all`, `worker`), like the
// projection runner and the job dispatcher; the API role leaves it to the workers.
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@lib/event-store';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { AppRuntime } from '../../ops/bootstrap/app-runtime';
import { runsBackgroundWork } from '../../ops/config/app-config';
import { APP_LOGGER, APP_RUNTIME, EVENT_STORE } from '../../ops/platform/platform.tokens';
import { ProceedsReactor } from './proceeds-reactor';
import { SaleProceeds } from './sale-proceeds';

@Injectable()
export class ProceedsReactorHost implements OnApplicationBootstrap, OnModuleDestroy {
  readonly reactor: ProceedsReactor;

  constructor(
    @Inject(APP_RUNTIME) private readonly runtime: AppRuntime,
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(APP_LOGGER) logger: Logger,
    dataSource: DataSource,
    proceeds: SaleProceeds,
  ) {
    this.reactor = new ProceedsReactor({
      dataSource,
      eventStore,
      credit: (settlements) => proceeds.creditAll(settlements),
      logger: logger.child({ component: 'sale-proceeds' }),
    });
  }

  onApplicationBootstrap(): void {
    if (runsBackgroundWork(this.runtime.config.role)) this.reactor.start();
  }

  /** Runs before PlatformModule closes the event store (onApplicationShutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.reactor.stop();
  }
}
