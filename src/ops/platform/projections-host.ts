// Owns the app's ProjectionRunner (DESIGN §3.4). Every role can read status and wait for a
// position (read-your-writes); only roles `all` and `worker` apply events.
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { EventStore, LogPosition } from '@lib/event-store';
import { ProjectionRunner, ProjectionStatus } from '@lib/projections';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { AppRuntime } from '../bootstrap/app-runtime';
import { BootError } from '../bootstrap/boot-error';
import { runsBackgroundWork } from '../config/app-config';
import type { ProjectionStatusSource } from './platform.ports';
import { APP_LOGGER, APP_RUNTIME, EVENT_STORE } from './platform.tokens';
import { ProjectionCatalog } from './projection-catalog';

/** Connections left for request handling once the long-running consumers took theirs. */
const MIN_FREE_CONNECTIONS = 4;

@Injectable()
export class ProjectionsHost implements ProjectionStatusSource, OnApplicationBootstrap, OnModuleDestroy {
  private runner: ProjectionRunner | null = null;

  constructor(
    @Inject(APP_RUNTIME) private readonly runtime: AppRuntime,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly catalog: ProjectionCatalog,
  ) {}

  onApplicationBootstrap(): void {
    const projections = this.catalog.seal();
    this.assertPoolIsLargeEnough(projections.length);
    this.runner = new ProjectionRunner({
      projections,
      dataSource: this.dataSource,
      eventStore: this.eventStore,
      logger: this.logger.child({ component: 'projections' }),
    });
    if (runsBackgroundWork(this.runtime.config.role)) {
      this.runner.start();
      this.logger.info({ projections: projections.map((p) => p.name) }, 'projection runner started');
    }
  }

  /**
   * Each running projection and the job dispatcher pin one pooled connection for their lock; with
   * too small a pool, requests would wait forever for a connection. Fail at boot instead.
   */
  private assertPoolIsLargeEnough(projectionCount: number): void {
    if (!runsBackgroundWork(this.runtime.config.role)) return;
    const pinned = projectionCount + 1;
    const { databasePoolSize } = this.runtime.config;
    if (databasePoolSize < pinned + MIN_FREE_CONNECTIONS) {
      throw new BootError(
        `DATABASE_POOL_SIZE=${databasePoolSize} is too small: ${projectionCount} projections and the job dispatcher ` +
          `hold ${pinned} connections; set it to at least ${pinned + MIN_FREE_CONNECTIONS}`,
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner?.stop();
  }

  async status(): Promise<ProjectionStatus[]> {
    return this.runner === null ? [] : this.runner.status();
  }

  /** How long a read-your-writes read waits for the read models (READ_WAIT_MS). */
  get readWaitMs(): number {
    return this.runtime.config.readWaitMs;
  }

  /** True once every projection (or the named ones) has applied `position`; false after `timeoutMs`. */
  async waitForPosition(position: LogPosition, timeoutMs: number, names?: readonly string[]): Promise<boolean> {
    if (this.runner === null) throw new Error('The projection runner is not started yet');
    return this.runner.waitForPosition(position, timeoutMs, names);
  }
}
