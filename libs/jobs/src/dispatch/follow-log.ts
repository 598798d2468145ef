// The dispatcher's inner loop: follow the log from the dispatched position in batches (the events
// already read, up to `batchSize`), enqueue the batch's jobs together, and save the checkpoint
// right after a batch that produced jobs, or after many job-less events (and when the log goes
// idle). Why batches: under load one add and one checkpoint transaction per event made the
// dispatcher fall behind the writers; a batch costs one pipelined add per queue and one save.
import type { EventStore, LogPosition, RecordedEvent } from '@lib/event-store';
import { ConsumerProgress, ifReady, NOT_YET } from '@lib/projections';
import { performance } from 'perf_hooks';
import { EnqueueContext, enqueueEventJobs } from './enqueue-event-jobs';
import { sleep } from '../retry-backoff';

export interface FollowContext extends EnqueueContext {
  eventStore: EventStore;
  batchSize: number;
  /**
   * Least time between the starts of two batches that were not full (default 0): gathers a steady
   * trickle of events into fewer enqueues and checkpoint saves. A backlog is read at full speed.
   */
  minBatchIntervalMs?: number;
  /** The jobs of `events` more events, up to `position`, were accepted (`jobCount` of them). */
  onDispatched: (position: LogPosition, events: number, jobCount: number) => void;
  saveCheckpoint: () => Promise<void>;
}

/**
 * Why a bound on unsaved events: they only cost a re-read after a crash (their jobs, if any, were
 * saved at once), but an idle-free stream of them should not leave the checkpoint far behind.
 */
const MAX_UNSAVED_EVENTS = 500;
/** Save the tail of job-less events once the log has been quiet this long. */
const IDLE_SAVE_MS = 200;

const IDLE = Symbol('idle');

type Next = Promise<IteratorResult<RecordedEvent>>;

function idleAfter(ms: number): { promise: Promise<typeof IDLE>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<typeof IDLE>((resolve) => {
    timer = setTimeout(() => resolve(IDLE), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/** Returns when the dispatcher stops; throws when reading the log or saving the checkpoint fails. */
export async function followLogIntoQueues(context: FollowContext, progress: Readonly<ConsumerProgress>): Promise<void> {
  // Own controller: leaving on an error must end the subscription too, not only a stop.
  const subscription = new AbortController();
  const stop = (): void => subscription.abort();
  context.signal.addEventListener('abort', stop, { once: true });
  const iterator = context.eventStore
    .subscribe(progress.position, { signal: subscription.signal, batchSize: context.batchSize })
    [Symbol.asyncIterator]();
  const minBatchIntervalMs = context.minBatchIntervalMs ?? 0;
  let lastPartialBatchMs = Number.NEGATIVE_INFINITY;
  try {
    let next: Next = iterator.next();
    while (!context.signal.aborted) {
      const first = await nextOrIdle(next, progress.unsavedEvents > 0);
      if (first === IDLE) {
        await context.saveCheckpoint();
        continue;
      }
      if (first.done === true) return;
      const paceMs = lastPartialBatchMs + minBatchIntervalMs - performance.now();
      if (paceMs > 0) await sleep(paceMs, context.signal);
      const startedMs = performance.now();
      const batch = [first.value];
      next = iterator.next();
      let ended = false;
      while (batch.length < context.batchSize) {
        const more = await ifReady(next);
        if (more === NOT_YET) break;
        if (more.done === true) {
          ended = true;
          break;
        }
        batch.push(more.value);
        next = iterator.next();
      }
      lastPartialBatchMs = batch.length < context.batchSize ? startedMs : Number.NEGATIVE_INFINITY;
      const jobCount = await enqueueEventJobs(batch, context);
      if (jobCount === null) return;
      context.onDispatched(batch[batch.length - 1].position, batch.length, jobCount);
      // Jobs accepted: record it now, so a restart finds them dispatched and adds nothing.
      if (jobCount > 0 || progress.unsavedEvents >= MAX_UNSAVED_EVENTS) await context.saveCheckpoint();
      if (ended) return;
    }
  } finally {
    context.signal.removeEventListener('abort', stop);
    subscription.abort();
    await iterator.return?.().catch(() => undefined);
  }
}

/** The next event, or IDLE when there is something to save and nothing arrives for a while. */
async function nextOrIdle(next: Next, hasUnsaved: boolean): Promise<IteratorResult<RecordedEvent> | typeof IDLE> {
  if (!hasUnsaved) return next;
  const idle = idleAfter(IDLE_SAVE_MS);
  try {
    return await Promise.race([next, idle.promise]);
  } finally {
    idle.cancel();
  }
}
