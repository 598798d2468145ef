// Renders /metrics: refreshes the gauges read from other parts (projection lag, queue depths)
// at scrape time, then serialises the registry. A failing source never fails the scrape.
import { Inject, Injectable } from '@nestjs/common';
import { JobQueues, queueDepths } from '@lib/jobs';
import type { Logger } from 'pino';
import { APP_CONFIG, APP_LOGGER, JOB_QUEUES, PROJECTION_STATUS } from '../platform/platform.tokens';
import type { ProjectionStatusSource } from '../platform/platform.ports';
import type { AppConfig } from '../config/app-config';
import { withTimeout } from '../platform/with-timeout';
import { AppMetrics } from './app-metrics';

@Injectable()
export class MetricsService {
  private readonly logger: Logger;

  constructor(
    private readonly metrics: AppMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
    @Inject(APP_LOGGER) logger: Logger,
    @Inject(PROJECTION_STATUS) private readonly projections: ProjectionStatusSource,
  ) {
    this.logger = logger.child({ context: MetricsService.name });
  }

  get contentType(): string {
    return this.metrics.registry.contentType;
  }

  async render(): Promise<string> {
    await Promise.all([this.refreshProjectionLag(), this.refreshQueueDepths()]);
    return this.metrics.registry.metrics();
  }

  private async refreshProjectionLag(): Promise<void> {
    const gauge = this.metrics.projectionLag;
    try {
      const statuses = await withTimeout(this.projections.status(), this.config.readyCheckTimeoutMs, 'projection status');
      gauge.reset();
      for (const status of statuses) gauge.set({ projection: status.name }, status.lagEvents);
      this.metrics.dependencyUp.set({ dependency: 'projections' }, 1);
    } catch (error) {
      gauge.reset();
      this.metrics.dependencyUp.set({ dependency: 'projections' }, 0);
      this.logger.warn({ err: error }, 'could not read projection status for /metrics');
    }
  }

  private async refreshQueueDepths(): Promise<void> {
    const gauge = this.metrics.queueDepth;
    try {
      const depths = await withTimeout(queueDepths(this.queues), this.config.readyCheckTimeoutMs, 'queue depths');
      gauge.reset();
      for (const depth of depths) {
        gauge.set({ queue: depth.queue, state: 'waiting' }, depth.waiting);
        gauge.set({ queue: depth.queue, state: 'active' }, depth.active);
        gauge.set({ queue: depth.queue, state: 'delayed' }, depth.delayed);
        gauge.set({ queue: depth.queue, state: 'failed' }, depth.failed);
      }
      this.metrics.dependencyUp.set({ dependency: 'queues' }, 1);
    } catch (error) {
      // No numbers rather than stale ones: a scrape during an outage must not look healthy.
      gauge.reset();
      this.metrics.dependencyUp.set({ dependency: 'queues' }, 0);
      this.logger.warn({ err: error }, 'could not read queue depths for /metrics');
    }
  }
}
