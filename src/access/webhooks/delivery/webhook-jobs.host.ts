// Wires webhook delivery into the app's jobs (DESIGN §3.5): the fan-out and delivery queues with
// their workers (through the JobCatalog), and a dispatcher of its own that turns notifying batch
// events into fan-out jobs. Why its own dispatcher (consumer `jobs:webhooks`) rather than routes in
// the JobCatalog: the catalog allows one route per event type, and `CreditsReserved` already routes
// to reservation expiry; a separate checkpoint also keeps a webhook backlog from delaying expiry.
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@lib/event-store';
import { JobDispatcher, JobQueues, QueuedJob } from '@lib/jobs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { AppRuntime } from '../../../ops/bootstrap/app-runtime';
import { runsBackgroundWork } from '../../../ops/config/app-config';
import { JobCatalog } from '../../../ops/platform/job-catalog';
import { APP_LOGGER, APP_RUNTIME, EVENT_STORE, JOB_QUEUES } from '../../../ops/platform/platform.tokens';
import type { WebhooksConfig } from '../webhooks-config';
import { WEBHOOKS_CONFIG } from '../webhooks.tokens';
import { WebhookStore } from '../webhook.store';
import { WebhookDelivery } from './webhook-delivery';
import { webhookFanoutScreen } from './webhook-fanout-screen';
import { WebhookDeliveryJob, WebhookFanout } from './webhook-fanout';
import { WEBHOOK_DELIVERY_QUEUE, WEBHOOK_FANOUT_QUEUE, WebhookNotification, webhookRoutes } from './webhook-notifications';

export const WEBHOOK_DISPATCHER_NAME = 'webhooks';

@Injectable()
export class WebhookJobsHost implements OnApplicationBootstrap, OnModuleDestroy {
  private dispatcher: JobDispatcher | null = null;

  constructor(
    catalog: JobCatalog,
    fanout: WebhookFanout,
    delivery: WebhookDelivery,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
    @Inject(APP_RUNTIME) private readonly runtime: AppRuntime,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhookStore,
  ) {
    catalog.registerProcessor({ queue: WEBHOOK_FANOUT_QUEUE, process: (job) => fanout.run(job as QueuedJob<WebhookNotification>) });
    catalog.registerProcessor(
      { queue: WEBHOOK_DELIVERY_QUEUE, process: (job) => delivery.run(job as QueuedJob<WebhookDeliveryJob>), concurrency: 8 },
      { attempts: config.maxAttempts, backoffDelayMs: config.retryBaseDelayMs },
    );
  }

  onApplicationBootstrap(): void {
    if (!runsBackgroundWork(this.runtime.config.role)) return;
    const logger = this.logger.child({ component: 'webhooks' });
    // Said once per server, by the processes that deliver (not by every CLI command).
    if (this.config.secretKey === null) logger.warn('WEBHOOK_SECRET_KEY is not set: webhook signing secrets are stored unencrypted');
    this.dispatcher = new JobDispatcher({
      name: WEBHOOK_DISPATCHER_NAME,
      dataSource: this.dataSource,
      eventStore: this.eventStore,
      queues: this.queues,
      routes: webhookRoutes,
      screen: webhookFanoutScreen(this.webhooks),
      logger,
    });
    this.dispatcher.start();
  }

  /** Runs before PlatformModule closes the queues and the event store (onApplicationShutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.dispatcher?.stop();
    this.dispatcher = null;
  }
}
