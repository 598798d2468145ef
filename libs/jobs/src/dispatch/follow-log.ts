// The dispatcher's inner loop: follow the log from the dispatched position, enqueue each event's
// jobs, and save the checkpoint right after an event that produced jobs, or in batches (and when
// the log goes idle) for the many events that produce none.
import type { EventStore, LogPosition, RecordedEvent } from '@lib/event-store';
import { EnqueueContext, enqueueEventJobs } from './enqueue-event-jobs';

/** Where the dispatcher is; shared with its owner, which saves it on stop. */
export interface DispatchProgress {
  position: LogPosition | null;
  /** Events dispatched since the last saved checkpoint. */
  unsavedEvents: number;
}

export interface FollowContext extends EnqueueContext {
  eventStore: EventStore;
  batchSize: number;
  onDispatched: (jobCount: number) => void;
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

function idleAfter(ms: number): { promise: Promise<typeof IDLE>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<typeof IDLE>((resolve) => {
    timer = setTimeout(() => resolve(IDLE), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/** Returns when the dispatcher stops; throws when reading the log or saving the checkpoint fails. */
export async function followLogIntoQueues(context: FollowContext, progress: DispatchProgress): Promise<void> {
  // Own controller: leaving on an error must end the subscription too, not only a stop.
  const subscription = new AbortController();
  const stop = (): void => subscription.abort();
  context.signal.addEventListener('abort', stop, { once: true });
  const iterator = context.eventStore
    .subscribe(progress.position, { signal: subscription.signal, batchSize: context.batchSize })
    [Symbol.asyncIterator]();
  try {
    let next = iterator.next();
    while (!context.signal.aborted) {
      const result = await nextOrIdle(next, progress.unsavedEvents > 0);
      if (result === IDLE) {
        await context.saveCheckpoint();
        continue;
      }
      if (result.done === true) return;
      const jobCount = await enqueueEventJobs(result.value, context);
      if (jobCount === null) return;
      progress.position = result.value.position;
      progress.unsavedEvents += 1;
      context.onDispatched(jobCount);
      // Jobs accepted: record it now, so a restart finds them dispatched and adds nothing.
      if (jobCount > 0 || progress.unsavedEvents >= MAX_UNSAVED_EVENTS) await context.saveCheckpoint();
      next = iterator.next();
    }
  } finally {
    context.signal.removeEventListener('abort', stop);
    subscription.abort();
    await iterator.return?.().catch(() => undefined);
  }
}

/** The next event, or IDLE when there is something to save and nothing arrives for a while. */
async function nextOrIdle(
  next: Promise<IteratorResult<RecordedEvent>>,
  hasUnsaved: boolean,
): Promise<IteratorResult<RecordedEvent> | typeof IDLE> {
  if (!hasUnsaved) return next;
  const idle = idleAfter(IDLE_SAVE_MS);
  try {
    return await Promise.race([next, idle.promise]);
  } finally {
    idle.cancel();
  }
}
