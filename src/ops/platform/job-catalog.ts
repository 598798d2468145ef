// Where bounded contexts declare their background jobs (DESIGN §3.5): which events become which
// jobs (routes, read by the dispatcher) and who processes each queue (workers). Register from a
// provider's constructor or onModuleInit; the catalog closes in onApplicationBootstrap.
import { Injectable } from '@nestjs/common';
import type { JobPolicy, JobProcessor, JobRoute, JobRoutes } from '@lib/jobs';

export interface QueueProcessor {
  queue: string;
  process: JobProcessor;
  /** Jobs this process runs at once on that queue (default 4). */
  concurrency?: number;
}

@Injectable()
export class JobCatalog {
  private readonly routes: Record<string, JobRoute> = {};
  private readonly processors: QueueProcessor[] = [];
  /**
   * Per-queue retry policies. The JobQueues of PlatformModule hold this very object and read it
   * when a queue is first opened, which happens after registration.
   */
  readonly policies: Record<string, Partial<JobPolicy>> = {};
  private closed = false;

  /** Event type → route; one route per event type across the app. */
  registerRoutes(routes: JobRoutes): void {
    this.assertOpen();
    for (const [eventType, route] of Object.entries(routes)) {
      if (eventType in this.routes) throw new Error(`Event type ${eventType} already has a job route`);
      this.routes[eventType] = route;
    }
  }

  registerProcessor(processor: QueueProcessor, policy?: Partial<JobPolicy>): void {
    this.assertOpen();
    if (this.processors.some((existing) => existing.queue === processor.queue)) {
      throw new Error(`Queue ${processor.queue} already has a processor`);
    }
    this.processors.push(processor);
    if (policy !== undefined) this.policies[processor.queue] = policy;
  }

  /** Closes the catalog and returns what was registered. */
  seal(): { routes: JobRoutes; processors: readonly QueueProcessor[] } {
    this.closed = true;
    return { routes: { ...this.routes }, processors: [...this.processors] };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('Jobs must be registered before the application bootstraps');
  }
}
