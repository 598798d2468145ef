// Announces committed appends to other processes with NOTIFY, sent after the append's commit
// rather than inside its transaction (see create-event-store.migration.ts for why). Coalesced: the
// first append after a quiet spell is announced at once; appends that commit while a NOTIFY is in
// flight share one more NOTIFY, sent `minIntervalMs` later, so a busy writer adds a bounded load.
// A process that dies between commit and NOTIFY costs subscribers one poll interval, nothing more.
import type { Pool } from 'pg';
import type { EventStoreLogger } from './event-store-logger';

export class AppendNotifier {
  private sending: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private pending = false;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
    private readonly minIntervalMs: number,
    private readonly logger: EventStoreLogger,
  ) {}

  /** Call after each committed append. Never throws and never waits. */
  appended(): void {
    if (this.closed) return;
    if (this.sending !== null || this.timer !== null) {
      this.pending = true;
      return;
    }
    this.send();
  }

  /** Sends what is still pending, then stops; call before the pool ends. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.sending;
    if (this.pending) {
      this.pending = false;
      await this.notify();
    }
  }

  private send(): void {
    this.pending = false;
    this.sending = this.notify().finally(() => {
      this.sending = null;
      if (this.pending && !this.closed) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.send();
        }, this.minIntervalMs);
        this.timer.unref();
      }
    });
  }

  private async notify(): Promise<void> {
    try {
      await this.pool.query({ name: 'event_store_notify', text: "SELECT pg_notify($1, '')", values: [this.channel] });
    } catch (error) {
      this.logger.warn({ err: error, channel: this.channel }, 'event store: NOTIFY after append failed; subscribers will poll');
    }
  }
}
