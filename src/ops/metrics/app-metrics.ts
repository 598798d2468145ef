// Prometheus metrics of one app instance. Each instance has its own registry (not prom-client's
// global one) so several apps in one process, as in the e2e suites, never collide.
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type AppendOutcome = 'ok' | 'conflict' | 'error';

@Injectable()
export class AppMetrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route template, method and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly eventStoreAppends = new Counter({
    name: 'cobalt_event_store_appends_total',
    help: 'Append calls on the event store by stream category and outcome',
    labelNames: ['stream_category', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly eventsAppended = new Counter({
    name: 'cobalt_events_appended_total',
    help: 'Events written to the event store by stream category',
    labelNames: ['stream_category'] as const,
    registers: [this.registry],
  });

  readonly projectionLag = new Gauge({
    name: 'cobalt_projection_lag_events',
    help: 'Events of the log a projection has not applied yet',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'cobalt_queue_depth',
    help: 'Jobs per queue and state (waiting, active, delayed, failed)',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly dependencyUp = new Gauge({
    name: 'cobalt_dependency_up',
    help: '1 when the last scrape could read the dependency, 0 when it failed',
    labelNames: ['dependency'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'cobalt_' });
  }

  recordAppend(streamId: string, outcome: AppendOutcome, eventCount: number): void {
    const streamCategory = streamCategoryOf(streamId);
    this.eventStoreAppends.inc({ stream_category: streamCategory, outcome });
    if (outcome === 'ok') this.eventsAppended.inc({ stream_category: streamCategory }, eventCount);
  }
}

/** `batch-0190…` → `batch`: streams are named `{category}-{id}` (DESIGN §3.2); ids would explode label cardinality. */
export function streamCategoryOf(streamId: string): string {
  const category = streamId.split('-', 1)[0].toLowerCase();
  return /^[a-z][a-z_]{0,39}$/.test(category) ? category : 'other';
}
