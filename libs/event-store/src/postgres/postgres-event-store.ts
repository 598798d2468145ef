// The PostgreSQL adapter of the EventStore port (DESIGN §3.3, the default): one statement per
// append, catch-up reads by (tx_id, seq) below the read horizon, and subscriptions that wake on
// LISTEN/NOTIFY and poll as a fallback. Schema: eventStoreMigrations (postgres-schema.ts).
import { setMaxListeners } from 'events';
import { ClientConfig, Pool } from 'pg';
import { StreamNotFound, WrongExpectedRevision } from '../event-store.errors';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent, StreamRevision, SubscribeOptions } from '../event-store.port';
import type { LogPosition } from '../log-position';
import { assertMaxCount } from '../read-options';
import type { EventUpcast } from '../upcasting';
import { currentRevision, isUniqueViolation, originalResultOfRetry } from './append-conflicts';
import { AppendNotifier } from './append-notifier';
import { AppendSignal } from './append-signal';
import { AppendRow, AppendRowOutcome, appendStatement, PreparedAppend, prepareAppend, readAppendRows } from './append-statements';
import { EventStoreLogger, silentLogger } from './event-store-logger';
import { READ_HORIZON_SQL } from './add-read-horizon.migration';
import { headQuery, readAllQuery, readStreamQuery, toRecordedEvent } from './event-rows';
import { LogTail } from './log-tail';
import { AppendGroup } from './append-group';
import { EVENT_ID_CONSTRAINT, EVENTS_APPENDED_CHANNEL, STREAM_REVISION_CONSTRAINT } from './postgres-schema';
import { followLog } from './log-subscription';

export interface PostgresEventStoreOptions {
  /** Connections of the pool the store creates from a connection string (default 10). */
  poolSize?: number;
  /** application_name of that pool's connections in pg_stat_activity (default 'event-store'). */
  applicationName?: string;
  /** How long an idle subscription waits for a notification before re-reading anyway (default 500 ms). */
  pollIntervalMs?: number;
  /**
   * Least gap between two NOTIFYs of a busy writer (default 50 ms); a lone append notifies at once.
   * Why 50: under a steady stream each NOTIFY is a round trip and a cluster-wide lock at its commit,
   * and other processes' followers batch their work at about that pace anyway (projections: 50 ms);
   * followers in this process are woken directly, not through NOTIFY.
   */
  notifyIntervalMs?: number;
  /** Applied to every event returned (e.g. `new UpcasterRegistry([...]).asEventUpcast`). */
  upcast?: EventUpcast;
  /** A pino logger fits. Defaults to silence. */
  logger?: EventStoreLogger;
  /**
   * Latest events kept for this process's followers (default 5,000; 0: every follower reads the
   * store itself). See log-tail.ts.
   */
  tailWindowSize?: number;
  /** Least time between two reads of the log's tail under a steady stream of appends (default 10 ms). */
  tailIntervalMs?: number;
  /**
   * Concurrent appends to different streams share one statement and commit (default true; see
   * append-group.ts). false: every append is its own statement.
   */
  groupAppends?: boolean;
}

/** Bound on readAll's limit and on subscription batches. */
export const MAX_READ_LIMIT = 100_000;
const DEFAULT_SUBSCRIBE_BATCH_SIZE = 1_000;
const DEFAULT_TAIL_WINDOW_SIZE = 5_000;
const TAIL_FETCH_LIMIT = 1_000;
/** Appends of more events than this are written alone (a bulk import gains nothing from a group). */
const MAX_GROUPED_EVENTS = 100;
/** Appends expecting 'any' or 'stream_exists' retry when a concurrent writer takes their revision. */
const MAX_APPEND_ATTEMPTS = 10;
/** application_name of the LISTEN connection, so operators (and tests) can tell it apart. */
export const LISTENER_APPLICATION_NAME = 'event-store-listener';
const LISTENER_CONNECT_TIMEOUT_MS = 10_000;
/** Least time between two attempts to open the LISTEN connection (subscriptions poll meanwhile). */
const LISTENER_RETRY_DELAY_MS = 1_000;

type AttemptOutcome = AppendRowOutcome | { readonly kind: 'id_taken' } | { readonly kind: 'revision_taken' };

export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly pollIntervalMs: number;
  private readonly upcast: EventUpcast | undefined;
  private readonly logger: EventStoreLogger;
  private readonly appendSignal: AppendSignal;
  private readonly notifier: AppendNotifier;
  /** Shared by this store's followers; null when disabled (tailWindowSize 0). */
  private readonly tail: LogTail | null;
  /** Group commit across streams; null when disabled. */
  private readonly group: AppendGroup | null;
  /** Aborted by close(): ends every subscription. */
  private readonly lifetime = new AbortController();
  private closed = false;

  /** `connection`: a Pool the caller owns (and ends), or a connection string for a pool the store owns. */
  constructor(connection: Pool | string, options: PostgresEventStoreOptions = {}) {
    // Every live subscription (one per projection, reactor and dispatcher) listens for close():
    // a dozen is normal, not a leak.
    setMaxListeners(0, this.lifetime.signal);
    this.logger = options.logger ?? silentLogger;
    this.upcast = options.upcast;
    this.pollIntervalMs = positiveInteger('pollIntervalMs', options.pollIntervalMs ?? 500);
    this.ownsPool = typeof connection === 'string';
    if (typeof connection === 'string') {
      const max = positiveInteger('poolSize', options.poolSize ?? 10);
      this.pool = new Pool({ connectionString: connection, max, application_name: options.applicationName ?? 'event-store' });
      // An idle client's error is emitted on the pool; unhandled, it would crash the process.
      this.pool.on('error', (error) => this.logger.warn({ err: error }, 'event store: idle PostgreSQL connection failed'));
    } else {
      this.pool = connection;
    }
    const base: ClientConfig = typeof connection === 'string' ? { connectionString: connection } : connection.options;
    // keepAlive: an idle LISTEN connection silently dropped by the network would otherwise look alive.
    const listenerConfig: ClientConfig = {
      ...base,
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
      connectionTimeoutMillis: base.connectionTimeoutMillis ?? LISTENER_CONNECT_TIMEOUT_MS,
    };
    this.appendSignal = new AppendSignal(listenerConfig, EVENTS_APPENDED_CHANNEL, LISTENER_RETRY_DELAY_MS, this.logger);
    this.notifier = new AppendNotifier(this.pool, EVENTS_APPENDED_CHANNEL, positiveInteger('notifyIntervalMs', options.notifyIntervalMs ?? 50), this.logger);
    this.group = options.groupAppends === false ? null : new AppendGroup(this.pool, { maxInFlight: 2, maxAppends: 64 });
    const tailWindowSize = nonNegativeInteger('tailWindowSize', options.tailWindowSize ?? DEFAULT_TAIL_WINDOW_SIZE);
    this.tail =
      tailWindowSize === 0
        ? null
        : new LogTail(
            { readAll: (after, limit) => this.readAll(after, limit), head: () => this.head() },
            this.appendSignal,
            {
              windowSize: tailWindowSize,
              fetchLimit: TAIL_FETCH_LIMIT,
              minFetchIntervalMs: nonNegativeInteger('tailIntervalMs', options.tailIntervalMs ?? 10),
              pollIntervalMs: this.pollIntervalMs,
              retryDelayMs: LISTENER_RETRY_DELAY_MS,
            },
            this.lifetime.signal,
            this.logger,
          );
  }

  async append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const prepared = prepareAppend(streamId, events, expectedRevision);
    for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt += 1) {
      const outcome = attempt === 1 ? await this.firstAttempt(prepared) : await this.attemptAppend(prepared);
      switch (outcome.kind) {
        case 'appended':
          this.appendSignal.wake();
          this.notifier.appended();
          return { nextExpectedRevision: outcome.revision, position: outcome.position };
        case 'refused': {
          const retried = await originalResultOfRetry(this.pool, prepared);
          if (retried !== null) return retried;
          const actual = outcome.currentRevision === undefined ? await currentRevision(this.pool, streamId) : (outcome.currentRevision ?? 'no_stream');
          throw new WrongExpectedRevision(streamId, expectedRevision, actual);
        }
        case 'id_taken': {
          // Throws DuplicateEventId unless it is a retry; null would mean the row vanished: try again.
          const retried = await originalResultOfRetry(this.pool, prepared);
          if (retried !== null) return retried;
          break;
        }
        case 'revision_taken': {
          const retried = await originalResultOfRetry(this.pool, prepared);
          if (retried !== null) return retried;
          if (typeof expectedRevision === 'number' || expectedRevision === 'no_stream') {
            throw new WrongExpectedRevision(streamId, expectedRevision, await currentRevision(this.pool, streamId));
          }
          this.logger.debug({ streamId, attempt }, 'event store: concurrent append took the revision; retrying');
          break;
        }
        default:
          return assertNever(outcome);
      }
    }
    throw new WrongExpectedRevision(streamId, expectedRevision, await currentRevision(this.pool, streamId));
  }

  async readStream(streamId: string, fromRevision: StreamRevision = 0, maxCount?: number): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (!Number.isSafeInteger(fromRevision)) throw new RangeError(`fromRevision must be an integer, got ${fromRevision}`);
    assertMaxCount(maxCount);
    const from = Math.max(0, fromRevision);
    // From revision n > 0, the read starts at n - 1: that event, when there, proves the stream
    // exists and is dropped, so a catch-up read that finds nothing new (a cached state's usual
    // case) costs one statement rather than a second one asking whether the stream exists.
    const limit = maxCount === undefined ? null : from === 0 ? maxCount : maxCount + 1;
    const { rows } = await this.pool.query(readStreamQuery(streamId, from === 0 ? 0 : from - 1, limit));
    if (rows.length === 0) {
      if (from === 0 || (await currentRevision(this.pool, streamId)) === 'no_stream') throw new StreamNotFound(streamId);
      return [];
    }
    return this.present(from === 0 ? rows : rows.slice(1));
  }

  async readAll(after: LogPosition | null, limit: number): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadLimit(limit);
    // Two statements, in this order: the reading one must take its snapshot after the horizon's.
    const { rows: horizonRows } = await this.pool.query<{ horizon: string }>(READ_HORIZON_SQL);
    const { rows } = await this.pool.query(readAllQuery(after, limit, horizonRows[0].horizon));
    return this.present(rows);
  }

  async readAllFollowing(after: LogPosition | null, limit: number): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadLimit(limit);
    return this.tail === null ? this.readAll(after, limit) : this.tail.read(after, limit);
  }

  subscribe(after: LogPosition | null, options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    const batchSize = options.batchSize ?? DEFAULT_SUBSCRIBE_BATCH_SIZE;
    assertReadLimit(batchSize);
    const tail = this.tail;
    return followLog({
      after,
      batchSize,
      pollIntervalMs: this.pollIntervalMs,
      signals: options.signal ? [this.lifetime.signal, options.signal] : [this.lifetime.signal],
      // Served by the tail when there is one: it wakes followers once it has read what was appended.
      appendSignal: tail ?? this.appendSignal,
      readAll: (from, limit) => (tail === null ? this.readAll(from, limit) : tail.read(from, limit)),
    });
  }

  /** Position of the last event below the read horizon (null: none yet): where the tail starts. */
  private async head(): Promise<LogPosition | null> {
    const { rows: horizonRows } = await this.pool.query<{ horizon: string }>(READ_HORIZON_SQL);
    const { rows } = await this.pool.query<{ commit: string; prepare: string }>(headQuery(horizonRows[0].horizon));
    return rows.length === 0 ? null : { commit: BigInt(rows[0].commit), prepare: BigInt(rows[0].prepare) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.lifetime.abort();
    await this.notifier.close();
    await this.appendSignal.close();
    if (this.ownsPool) await this.pool.end();
  }

  /** Through the group when there is one; alone when the group leaves it (or it is large). */
  private async firstAttempt(prepared: PreparedAppend): Promise<AttemptOutcome> {
    if (this.group === null || prepared.events.length > MAX_GROUPED_EVENTS) return this.attemptAppend(prepared);
    const grouped = await this.group.submit(prepared);
    return grouped.kind === 'alone' ? this.attemptAppend(prepared) : grouped;
  }

  private async attemptAppend(prepared: PreparedAppend): Promise<AttemptOutcome> {
    try {
      const { rows } = await this.pool.query<AppendRow>(appendStatement(prepared));
      return readAppendRows(rows);
    } catch (error) {
      if (isUniqueViolation(error, EVENT_ID_CONSTRAINT)) return { kind: 'id_taken' };
      if (isUniqueViolation(error, STREAM_REVISION_CONSTRAINT)) return { kind: 'revision_taken' };
      throw error;
    }
  }

  private present(rows: unknown[][]): RecordedEvent[] {
    const events = new Array<RecordedEvent>(rows.length);
    const upcast = this.upcast;
    for (let index = 0; index < rows.length; index += 1) {
      const event = toRecordedEvent(rows[index]);
      events[index] = upcast === undefined ? event : upcast(event);
    }
    return events;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PostgresEventStore is closed');
  }
}

function assertReadLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_READ_LIMIT) {
    throw new RangeError(`read limit must be an integer from 1 to ${MAX_READ_LIMIT}, got ${limit}`);
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}

function assertNever(value: never): never {
  throw new Error(`Unexpected append outcome ${JSON.stringify(value)}`);
}
