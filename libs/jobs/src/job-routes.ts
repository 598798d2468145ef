// Which events become which jobs, and the deterministic job ids that make re-dispatch harmless.
import type { RecordedEvent } from '@lib/event-store';
import type { JobToAdd } from './job-queues';

/** A job an event asks for. */
export interface JobSpec {
  queue: string;
  name: string;
  /** JSON-serialisable payload (BullMQ stores it as JSON: no bigint, no Date objects). */
  data: unknown;
  /** Run no earlier than this many ms after the dispatch. */
  delayMs?: number;
  /**
   * Run no earlier than this instant (e.g. a reservation's `reservedUntil`). Preferred over
   * `delayMs` for deadlines: a dispatch delayed by an outage still fires at the right time.
   */
  runAt?: Date;
  /**
   * Distinguishes several jobs one event puts on the same queue (default: the job name).
   * Must be stable for the same event, so a replay produces the same ids.
   */
  idSuffix?: string;
}

/** Pure: the same event always yields the same specs, in the same order. */
export type JobRoute<TEvent extends RecordedEvent = RecordedEvent> = (event: TEvent) => readonly JobSpec[];

/** Event type → route. Events without a route produce no job. */
export type JobRoutes = Readonly<Record<string, JobRoute>>;

/** BullMQ's key separator is ':'; ids are otherwise opaque to it. */
function safeIdPart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * The jobs of one event with their ids. One job on a queue gets the bare event id; several on
 * the same queue get `<eventId>-<idSuffix|name>`, plus `-<n>` for the n-th repeat of that suffix.
 * Ids only need to be unique per queue, since BullMQ deduplicates per queue.
 */
export function planJobs(event: RecordedEvent, routes: JobRoutes, now: Date): JobToAdd[] {
  const route = Object.prototype.hasOwnProperty.call(routes, event.type) ? routes[event.type] : undefined;
  if (!route) return [];
  const specs = route(event);
  const perQueue = new Map<string, number>();
  for (const spec of specs) perQueue.set(spec.queue, (perQueue.get(spec.queue) ?? 0) + 1);

  const usedIds = new Set<string>();
  return specs.map((spec) => {
    assertJsonData(event, spec);
    let jobId = safeIdPart(event.eventId);
    if ((perQueue.get(spec.queue) ?? 0) > 1) {
      const base = `${jobId}-${safeIdPart(spec.idSuffix ?? spec.name)}`;
      jobId = base;
      for (let repeat = 2; usedIds.has(`${spec.queue}\u0000${jobId}`); repeat += 1) jobId = `${base}-${repeat}`;
    }
    usedIds.add(`${spec.queue}\u0000${jobId}`);
    return { queue: spec.queue, name: spec.name, data: spec.data, jobId, delayMs: delayOf(spec, now) };
  });
}

/**
 * Why here: BullMQ would throw on a bigint (money) only inside the add, which the dispatcher
 * takes for an outage and retries forever. A route bug must surface as one, with the event type.
 */
function assertJsonData(event: RecordedEvent, spec: JobSpec): void {
  try {
    JSON.stringify(spec.data);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Route for ${event.type} made ${spec.queue}/${spec.name} data that is not JSON (${reason}); send bigint money as a string`);
  }
}

function delayOf(spec: JobSpec, now: Date): number {
  if (spec.runAt !== undefined) return Math.max(0, spec.runAt.getTime() - now.getTime());
  return Math.max(0, spec.delayMs ?? 0);
}
