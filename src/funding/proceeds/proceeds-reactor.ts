// The sale proceeds reactor (DESIGN §3.2): a checkpointed, single-active consumer of the whole log
// that turns every `PurchaseSettled` into proceeds on the funding pools (SaleProceeds), crediting
// the settlements at hand together. Its checkpoint is its own (`reactor:sale-proceeds`, through
// CheckpointedConsumer), not a projection's, so rebuilding read models never replays it; and since
// the pools remember each purchase, a lost or rewound checkpoint only costs a re-read: nothing is
// credited twice (R7). A failure backs off and retries the same events: nothing is skipped either.
import type { DataSource } from 'typeorm';
import type { EventStore, LogPosition, RecordedEvent } from '@lib/event-store';
import { CheckpointedConsumer, ConsumerLock, ifReady, NOT_YET } from '@lib/projections';
import type { Logger } from 'pino';

export const PROCEEDS_REACTOR_CONSUMER = 'reactor:sale-proceeds';
const CHECKPOINT_VERSION = 1;
/** Events read ahead of the work: bounded memory, few round trips. */
const BATCH_SIZE = 200;
/**
 * Why the checkpoint is saved once the events at hand are handled (when the subscription would
 * wait for the log), or every few hundred events, rather than after each settlement: a settlement's
 * effect is committed in its own append, and the pools remember each purchase, so a checkpoint
 * left behind by a crash costs only a re-check of those settlements (nothing is credited twice);
 * under a stream of settlements a save per settlement was a transaction per sale.
 */
const SAVE_EVERY_EVENTS = 500;
/**
 * Events handled together at most (see `handle`): one full group per funding stream. A run ends
 * sooner when the log has no more at hand.
 */
const CREDIT_WINDOW_EVENTS = 100;
const MIN_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 30_000;

export interface ProceedsReactorOptions {
  dataSource: DataSource;
  eventStore: EventStore;
  /**
   * The effect of settlements (in log order), all credited when it resolves; must be idempotent
   * (it is re-run after any failure, those already credited included).
   */
  credit: (settlements: readonly RecordedEvent[]) => Promise<void>;
  logger: Logger;
  /** Pause between attempts to take the lock another replica holds (default 1 s). */
  lockRetryMs?: number;
}

export interface ProceedsReactorStatus {
  running: boolean;
  position: LogPosition | null;
  credited: number;
  lastError: string | null;
}

export class ProceedsReactor extends CheckpointedConsumer {
  private credited = 0;

  constructor(private readonly options: ProceedsReactorOptions) {
    super({
      consumer: PROCEEDS_REACTOR_CONSUMER,
      checkpointVersion: CHECKPOINT_VERSION,
      dataSource: options.dataSource,
      logger: options.logger,
      label: 'sale proceeds reactor',
      retryDelayMs: (failures) => Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** Math.min(failures - 1, 16)),
      lockRetryMs: options.lockRetryMs,
    });
  }

  status(): ProceedsReactorStatus {
    return { running: this.running, position: this.progress.position, credited: this.credited, lastError: this.lastError };
  }

  /** True once this process has handled every event up to `position`; false after `timeoutMs`. */
  waitUntilProcessed(position: LogPosition, timeoutMs: number): Promise<boolean> {
    return this.waitUntilHandled(position, timeoutMs);
  }

  protected async follow(lock: ConsumerLock): Promise<void> {
    // Own controller: leaving on an error must end the subscription too, not only a stop.
    const subscription = new AbortController();
    const stop = (): void => subscription.abort();
    this.signal.addEventListener('abort', stop, { once: true });
    const iterator = this.options.eventStore.subscribe(this.progress.position, { signal: subscription.signal, batchSize: BATCH_SIZE })[Symbol.asyncIterator]();
    /** Events read and not yet handled, in log order. */
    const window: RecordedEvent[] = [];
    try {
      let next = iterator.next();
      while (!this.signal.aborted) {
        const waiting = (await ifReady(next)) === NOT_YET;
        if (window.length > 0 && (waiting || window.length >= CREDIT_WINDOW_EVENTS)) {
          await this.handle(window.splice(0));
          if (this.progress.unsavedEvents >= SAVE_EVERY_EVENTS) await this.save(lock);
          continue;
        }
        // Nothing more at hand: record how far we got before waiting for the log.
        if (waiting && this.progress.unsavedEvents > 0) await this.save(lock);
        const result = await next;
        if (result.done === true) return;
        window.push(result.value);
        next = iterator.next();
      }
    } finally {
      this.signal.removeEventListener('abort', stop);
      subscription.abort();
      await iterator.return?.().catch(() => undefined);
    }
  }

  /**
   * Credits the settlements among `events` all at once, then moves past the last event. Why at
   * once: their commands then meet in the funding streams' queues, so a run of settlements of one
   * site costs one append on its funds stream and one on the programme's, not two per sale. Every
   * credit is awaited before anything moves; if one failed, the whole run is handled again after
   * the back-off, which the pools make harmless for those already credited.
   */
  private async handle(events: readonly RecordedEvent[]): Promise<void> {
    const settlements = events.filter((event) => event.type === 'PurchaseSettled');
    if (settlements.length > 0) {
      await this.options.credit(settlements);
      this.credited += settlements.length;
      this.lastError = null;
    }
    this.handled(events[events.length - 1].position, events.length);
  }
}
