// Announces committed appends to other processes with NOTIFY, sent after the append's commit
// rather than inside its transaction (see create-event-store.migration.ts for why). Rate-limited:
// the first append after a quiet spell is announced at once, then at most one NOTIFY goes out per
// `minIntervalMs`, covering every append committed meanwhile, so a busy writer adds a bounded load.
// A process that dies between commit and NOTIFY costs subscribers one poll interval, nothing more.
import type { Pool } from 'pg';
import type { EventStoreLogger } from './event-store-logger';

export class AppendNotifier {
  /** The NOTIFYs sent so far, chained so that they never overlap. */
  private sending: Promise<void> = Promise.resolve();
  private cooldown: NodeJS.Timeout | null = null;
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
    if (this.cooldown !== null) {
      this.pending = true;
      return;
    }
    this.send();
  }

  /** Sends what is still pending, then stops; call before the pool ends. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.cooldown !== null) {
      clearTimeout(this.cooldown);
      this.cooldown = null;
    }
    if (this.pending) this.send();
    await this.sending;
  }

  private send(): void {
    this.pending = false;
    this.sending = this.sending.then(() => this.notify());
    if (this.closed) return;
    this.cooldown = setTimeout(() => {
      this.cooldown = null;
      if (this.pending) this.send();
    }, this.minIntervalMs);
    // A pending NOTIFY must not keep a process alive that has nothing else to do.
    this.cooldown.unref();
  }

  private async notify(): Promise<void> {
    try {
      await this.pool.query({ name: 'event_store_notify', text: "SELECT pg_notify($1, '')", values: [this.channel] });
    } catch (error) {
      this.logger.warn({ err: error, channel: this.channel }, 'event store: NOTIFY after append failed; subscribers will poll');
    }
  }
}
