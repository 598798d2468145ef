// Wakes idle subscriptions when something may have been appended: appends made through this store
// (at once) and NOTIFYs from any writer, received on one dedicated LISTEN connection per store.
// Best effort by design: when the LISTEN connection is down, subscriptions still poll, and a
// reconnection wakes everybody once, since notifications sent meanwhile are lost.
import { Client, ClientConfig, Notification } from 'pg';
import type { EventStoreLogger } from './event-store-logger';

/** What a subscription waits on: a counter of wake-ups and a way to wait for the next one. */
export interface WakeSignal {
  /** Take it before reading the log, then pass it to waitForAppend. */
  readonly seen: number;
  /** Starts whatever produces the wake-ups; never rejects. */
  listen(): Promise<void>;
  /** Resolves on a wake-up after `seen`, after `timeoutMs` (the poll), or when `signal` aborts. */
  waitForAppend(seen: number, timeoutMs: number, signal: AbortSignal): Promise<void>;
}

/** A counter of wake-ups with waiters for the next one: the part every WakeSignal shares. */
export class WakeUps {
  /** Bumped on every wake-up; a waiter compares it with what it saw before its last read. */
  private generation = 0;
  private readonly waiters = new Set<() => void>();

  get seen(): number {
    return this.generation;
  }

  wake(): void {
    this.generation += 1;
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves on a wake-up after `seen`, after `timeoutMs`, or when `signal` aborts. */
  async wait(seen: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.generation !== seen || signal.aborted) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

export class AppendSignal implements WakeSignal {
  private readonly wakeUps = new WakeUps();
  private client: Client | null = null;
  private opening: Promise<void> | null = null;
  private lastFailureMs = Number.NEGATIVE_INFINITY;
  private closed = false;

  constructor(
    private readonly connection: ClientConfig,
    private readonly channel: string,
    /** Least time between two attempts to open the LISTEN connection. */
    private readonly retryDelayMs: number,
    private readonly logger: EventStoreLogger,
  ) {}

  /** Take it before reading the log, then pass it to waitForAppend. */
  get seen(): number {
    return this.wakeUps.seen;
  }

  wake(): void {
    this.wakeUps.wake();
  }

  /** Opens the LISTEN connection unless it is open, being opened, or failed less than retryDelayMs ago. */
  listen(): Promise<void> {
    if (this.closed || this.client !== null) return Promise.resolve();
    if (this.opening !== null) return this.opening;
    if (Date.now() - this.lastFailureMs < this.retryDelayMs) return Promise.resolve();
    this.opening = this.open().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  /** Resolves on a wake-up after `seen`, after `timeoutMs` (the poll), or when `signal` aborts. */
  async waitForAppend(seen: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.wakeUps.seen !== seen || signal.aborted) return;
    // Not awaited: a reconnection wakes the waiters itself, and a slow one must not delay the poll.
    void this.listen();
    await this.wakeUps.wait(seen, timeoutMs, signal);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.opening;
    const client = this.client;
    this.client = null;
    this.wake();
    if (client !== null) await client.end().catch(() => undefined);
  }

  private async open(): Promise<void> {
    const client = new Client(this.connection);
    client.on('notification', (message: Notification) => {
      if (message.channel === this.channel) this.wake();
    });
    // Without an 'error' listener a dropped connection would crash the process.
    client.on('error', (error: Error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      this.lastFailureMs = Date.now();
      this.logger.warn({ err: error, channel: this.channel }, 'event store: cannot LISTEN for appends; subscriptions poll');
      await client.end().catch(() => undefined);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.wake();
  }

  private lost(client: Client, error: Error | null): void {
    if (this.client !== client) return;
    this.client = null;
    this.lastFailureMs = Date.now();
    if (this.closed) return;
    this.logger.warn({ err: error ?? undefined, channel: this.channel }, 'event store: LISTEN connection lost; subscriptions poll until it is back');
    client.end().catch(() => undefined);
  }
}
