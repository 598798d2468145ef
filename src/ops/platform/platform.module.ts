// Global infrastructure module: config, TypeORM DataSource, event store, job queues, metrics and the
// projection runner, built from the AppRuntime resolved at boot. Contexts inject them by the tokens
// in platform.tokens.ts, by class (DataSource, ProjectionCatalog, JobCatalog, the hosts) or via
// TypeOrmModule.forFeature (entities are loaded automatically).
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { EventStore } from '@lib/event-store';
import { JobQueues, JobsConfig } from '@lib/jobs';
import type { Logger } from 'pino';
import type { AppRuntime } from '../bootstrap/app-runtime';
import { AppMetrics } from '../metrics/app-metrics';
import { MeteredEventStore } from '../metrics/metered-event-store';
import { createEventStore } from './event-store.factory';
import { APP_CONFIG, APP_LOGGER, APP_RUNTIME, EVENT_STORE, JOB_QUEUES, JOBS_CONFIG, PROJECTION_STATUS } from './platform.tokens';
import { JobCatalog } from './job-catalog';
import { JobsHost } from './jobs-host';
import { ProjectionCatalog } from './projection-catalog';
import { ProjectionsHost } from './projections-host';

/** Closes what this module opened; TypeORM closes its DataSource itself. */
class PlatformShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.eventStore.close(), this.queues.close()]);
  }
}

@Global()
@Module({})
export class PlatformModule {
  static register(runtime: AppRuntime, logger: Logger): DynamicModule {
    const jobsConfig: JobsConfig = { connection: runtime.jobs, prefix: runtime.config.queuePrefix };
    const providers = [
      { provide: APP_RUNTIME, useValue: runtime },
      { provide: APP_CONFIG, useValue: runtime.config },
      { provide: APP_LOGGER, useValue: logger },
      { provide: JOBS_CONFIG, useValue: jobsConfig },
      AppMetrics,
      {
        provide: EVENT_STORE,
        inject: [AppMetrics],
        useFactory: (metrics: AppMetrics): EventStore => new MeteredEventStore(createEventStore(runtime, logger), metrics),
      },
      JobCatalog,
      {
        provide: JOB_QUEUES,
        inject: [JobCatalog],
        useFactory: (catalog: JobCatalog) =>
          new JobQueues({ ...jobsConfig, policies: catalog.policies, logger: logger.child({ component: 'jobs' }) }),
      },
      JobsHost,
      ProjectionCatalog,
      ProjectionsHost,
      { provide: PROJECTION_STATUS, useExisting: ProjectionsHost },
      PlatformShutdown,
    ];
    return {
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: runtime.databaseUrl,
          // Schema changes go through migrations only (DESIGN §3.4); they ran before Nest started.
          synchronize: false,
          migrationsRun: false,
          autoLoadEntities: true,
          // Boot already proved the server answers; a failure now is real and must surface at once.
          retryAttempts: 0,
          // The event store and BullMQ keep pools of their own.
          extra: { max: runtime.config.databasePoolSize },
        }),
      ],
      providers,
      exports: [
        APP_RUNTIME,
        APP_CONFIG,
        APP_LOGGER,
        JOBS_CONFIG,
        AppMetrics,
        EVENT_STORE,
        JOB_QUEUES,
        ProjectionCatalog,
        ProjectionsHost,
        JobCatalog,
        JobsHost,
        PROJECTION_STATUS,
        TypeOrmModule,
      ],
    };
  }
}
