// GET /ready: can this instance serve traffic? Database, queue backend, event store and
// projection lag, each bounded in time and reported separately.
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@lib/event-store';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import type { AppRuntime } from '../bootstrap/app-runtime';
import type { ProjectionStatusSource } from '../platform/platform.ports';
import { APP_RUNTIME, EVENT_STORE, PROJECTION_STATUS } from '../platform/platform.tokens';
import { withTimeout } from '../platform/with-timeout';

export interface CheckResult {
  status: 'up' | 'down';
  latencyMs?: number;
  error?: string;
  [detail: string]: unknown;
}

/** A check that answered but is not healthy; its details still go into the report. */
class CheckFailed extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checks: Record<string, CheckResult>;
}

@Injectable()
export class ReadinessService implements OnApplicationShutdown {
  /** Only for the ping; lazily connected, never queues commands while Redis is away. */
  private redis: Redis | null = null;

  constructor(
    @Inject(APP_RUNTIME) private readonly runtime: AppRuntime,
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PROJECTION_STATUS) private readonly projections: ProjectionStatusSource,
  ) {}

  async report(): Promise<ReadinessReport> {
    const [database, queues, eventStore, projections] = await Promise.all([
      this.timed('database', () => this.dataSource.query('SELECT 1').then(() => ({}))),
      this.timed('queues', () => this.checkQueues()),
      this.timed('event store', () => this.eventStore.readAll(null, 1).then(() => ({ kind: this.runtime.config.eventStore }))),
      this.timed('projections', () => this.checkProjections()),
    ]);
    const checks = { database, queues, eventStore, projections };
    const ready = Object.values(checks).every((check) => check.status === 'up');
    return { status: ready ? 'ready' : 'not_ready', checks };
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis?.disconnect();
    this.redis = null;
  }

  private async timed(what: string, check: () => Promise<Record<string, unknown>>): Promise<CheckResult> {
    const startedAt = process.hrtime.bigint();
    const latencyMs = () => Number((process.hrtime.bigint() - startedAt) / 1_000_000n);
    try {
      const details = await withTimeout(check(), this.runtime.config.readyCheckTimeoutMs, what);
      return { status: 'up', latencyMs: latencyMs(), ...details };
    } catch (error) {
      if (error instanceof CheckFailed) return { status: 'down', latencyMs: latencyMs(), ...error.details, error: error.message };
      return { status: 'down', latencyMs: latencyMs(), error: error instanceof Error ? error.message : String(error) };
    }
  }

  private async checkQueues(): Promise<Record<string, unknown>> {
    const { jobs } = this.runtime;
    switch (jobs.kind) {
      case 'redis':
        await this.pingRedis(jobs.url);
        return { backend: 'redis' };
      case 'postgres':
        // The PostgreSQL backend lives in the app database: reachable when that database is.
        await this.dataSource.query('SELECT 1');
        return { backend: 'postgres' };
      default: {
        const unknown: never = jobs;
        throw new Error(`Unknown jobs backend ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async checkProjections(): Promise<Record<string, unknown>> {
    const statuses = await this.projections.status();
    const maxLagEvents = this.runtime.config.readyMaxLagEvents;
    const behind = statuses.filter((status) => status.lagEvents > maxLagEvents).map((status) => status.name);
    const details = {
      maxLagEvents,
      projections: statuses.map(({ name, version, lagEvents, running }) => ({ name, version, lagEvents, running })),
    };
    if (behind.length > 0) throw new CheckFailed(`lagging more than ${maxLagEvents} events: ${behind.join(', ')}`, details);
    return details;
  }

  /** Pings Redis; the first call connects, later calls fail at once while Redis is away. */
  private async pingRedis(url: string): Promise<void> {
    if (this.redis === null) {
      this.redis = new Redis(url, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: this.runtime.config.readyCheckTimeoutMs,
        // Keep trying in the background, at most every 2 s, so /ready turns green on its own.
        retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
        // Why 0: the default waits 2 s for a 'close' that never comes when the socket already died,
        // which keeps a stopping process (or a test run) alive for nothing.
        disconnectTimeout: 0,
      });
      this.redis.on('error', () => undefined);
      await this.redis.connect();
    }
    if (this.redis.status !== 'ready') throw new Error(`Redis is not connected (${this.redis.status})`);
    await this.redis.ping();
  }
}
