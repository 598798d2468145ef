// Runs the app's background jobs (DESIGN §3.5) in roles `all` and `worker`: the event-log → job
// dispatcher and one BullMQ worker per registered queue. Every role opens the registered queues,
// so /metrics reports their depth.
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@lib/event-store';
import { createJobWorker, JobDispatcher, JobDispatcherStatus, JobQueues, JobsConfig, JobWorker } from '@lib/jobs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { AppRuntime } from '../bootstrap/app-runtime';
import { runsBackgroundWork } from '../config/app-config';
import { JobCatalog } from './job-catalog';
import { APP_LOGGER, APP_RUNTIME, EVENT_STORE, JOB_QUEUES, JOBS_CONFIG } from './platform.tokens';

@Injectable()
export class JobsHost implements OnApplicationBootstrap, OnModuleDestroy {
  private dispatcher: JobDispatcher | null = null;
  private workers: JobWorker[] = [];

  constructor(
    @Inject(APP_RUNTIME) private readonly runtime: AppRuntime,
    @Inject(JOBS_CONFIG) private readonly jobsConfig: JobsConfig,
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly catalog: JobCatalog,
  ) {}

  onApplicationBootstrap(): void {
    const { routes, processors } = this.catalog.seal();
    for (const { queue } of processors) this.queues.get(queue);
    if (!runsBackgroundWork(this.runtime.config.role)) return;
    const logger = this.logger.child({ component: 'jobs' });
    this.dispatcher = new JobDispatcher({ dataSource: this.dataSource, eventStore: this.eventStore, queues: this.queues, routes, logger });
    this.dispatcher.start();
    this.workers = processors.map(({ queue, process, concurrency }) => createJobWorker(this.jobsConfig, queue, process, { concurrency, logger }));
    logger.info({ routes: Object.keys(routes), queues: processors.map((p) => p.queue) }, 'job dispatcher and workers started');
  }

  /** Runs before PlatformModule closes the queues and the event store (onApplicationShutdown). */
  async onModuleDestroy(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.allSettled([this.dispatcher?.stop(), ...workers.map((worker) => worker.close())]);
  }

  /** The dispatcher's progress, or null in a role that does not run it. */
  dispatcherStatus(): JobDispatcherStatus | null {
    return this.dispatcher?.status() ?? null;
  }
}
