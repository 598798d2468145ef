// Shared set-up of the projection integration tests: a fresh database with the event store,
// checkpoint and test read-model migrations, a DataSource, an event store, and helpers to
// append account movements and compute the balances they must produce.
import { DataSource } from 'typeorm';
import { EventStore, hasReached, LogPosition, NewEvent, RecordedEvent } from '@lib/event-store';
import { projectionsMigrations } from '@lib/projections';
import { createTestDatabase, runMigrations, TestDatabase } from '@test/support';
import { AccountEventType, CreateAccountBalanceTables1767225600900, MoneyMovedData } from './account-balances.projection';
import { createTestEventStore, eventStoreMigrationsForTests } from './test-event-store';

export interface ProjectionTestEnv {
  database: TestDatabase;
  dataSource: DataSource;
  eventStore: EventStore;
  close(): Promise<void>;
}

export async function openProjectionTestEnv(tag: string): Promise<ProjectionTestEnv> {
  const database = await createTestDatabase(tag);
  await runMigrations(database.url, [...eventStoreMigrationsForTests, ...projectionsMigrations, CreateAccountBalanceTables1767225600900]);
  const dataSource = await new DataSource({ type: 'postgres', url: database.url, poolSize: 6 }).initialize();
  const eventStore = createTestEventStore(database.url);
  return {
    database,
    dataSource,
    eventStore,
    async close() {
      await eventStore.close();
      await dataSource.destroy();
      await database.drop();
    },
  };
}

function movement(type: AccountEventType | 'AccountRenamed', data: MoneyMovedData | { account: string; name: string }): NewEvent {
  return {
    type,
    data,
    metadata: { actorKeyId: null, actorRole: 'operator', companyId: null, correlationId: 'projection-tests', causationId: null, occurredAt: '2026-01-01T00:00:00.000Z' },
  };
}

/**
 * Appends `count` events spread over `accounts` streams, a few per append, mixing deposits,
 * withdrawals and an event type the projection does not know. Returns the last position.
 */
export async function appendMovements(eventStore: EventStore, count: number, accounts = 7, tag = 'a'): Promise<LogPosition> {
  let last: LogPosition | null = null;
  for (let written = 0; written < count; ) {
    const events: NewEvent[] = [];
    const account = `${tag}-${written % accounts}`;
    for (let i = 0; i < 3 && written < count; i += 1, written += 1) {
      if (written % 11 === 10) events.push(movement('AccountRenamed', { account, name: `renamed ${written}` }));
      else if (written % 4 === 3) events.push(movement('Withdrawn', { account, amountMinor: String(written % 13) }));
      else events.push(movement('Deposited', { account, amountMinor: String(1_000 + written) }));
    }
    last = (await eventStore.append(`account-${account}`, events, 'any')).position;
  }
  if (last === null) throw new Error('appendMovements needs count > 0');
  await waitUntilReadable(eventStore, last);
  return last;
}

/** Appends `count` events no account projection folds (renames), one per append; returns the last position. */
export async function appendRenames(eventStore: EventStore, count: number, tag = 'r'): Promise<LogPosition> {
  let last: LogPosition | null = null;
  for (let index = 0; index < count; index += 1) {
    last = (await eventStore.append(`account-${tag}-${index % 5}`, [movement('AccountRenamed', { account: `${tag}-${index % 5}`, name: `name ${index}` })], 'any')).position;
  }
  if (last === null) throw new Error('appendRenames needs count > 0');
  await waitUntilReadable(eventStore, last);
  return last;
}

const READABLE_WAIT_MS = 30_000;

/**
 * Waits until readAll returns the event at `position`. The PostgreSQL adapter holds back events
 * while any older transaction of the server is open (the xmin rule), and the machine's server is
 * shared, so a committed append can take a moment to become readable.
 */
export async function waitUntilReadable(eventStore: EventStore, position: LogPosition): Promise<void> {
  // Nothing sorts between (commit, prepare - 1) and (commit, prepare): the next event is ours once readable.
  const justBefore = { commit: position.commit, prepare: position.prepare - 1n };
  const deadline = Date.now() + READABLE_WAIT_MS;
  while (Date.now() < deadline) {
    const [next] = await eventStore.readAll(justBefore, 1);
    if (next !== undefined && hasReached(next.position, position)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Event at ${position.commit}-${position.prepare} not readable after ${READABLE_WAIT_MS} ms`);
}

/** Every event of the log, in order, up to `upTo` (inclusive; default: all). */
export async function readLog(eventStore: EventStore, upTo: LogPosition | null = null): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const batch = await eventStore.readAll(events.length === 0 ? null : events[events.length - 1].position, 1_000);
    for (const event of batch) {
      if (upTo !== null && !hasReached(upTo, event.position)) return events;
      events.push(event);
    }
    if (batch.length === 0) return events;
  }
}

export interface AccountRow {
  account: string;
  balanceMinor: bigint;
  movements: number;
}

/** What the projection must hold after exactly `events`, computed in memory. */
export function expectedBalances(events: readonly RecordedEvent[]): AccountRow[] {
  const rows = new Map<string, AccountRow>();
  for (const event of events) {
    if (event.type !== 'Deposited' && event.type !== 'Withdrawn') continue;
    const data = event.data as MoneyMovedData;
    const sign = event.type === 'Deposited' ? 1n : -1n;
    const row = rows.get(data.account) ?? { account: data.account, balanceMinor: 0n, movements: 0 };
    rows.set(data.account, { ...row, balanceMinor: row.balanceMinor + sign * BigInt(data.amountMinor), movements: row.movements + 1 });
  }
  return [...rows.values()].sort((a, b) => a.account.localeCompare(b.account));
}

export async function readBalances(dataSource: DataSource, table = 'account_balances'): Promise<AccountRow[]> {
  const rows: Array<{ account: string; balance_minor: string; movements: number }> = await dataSource.query(
    `SELECT account, balance_minor::text AS balance_minor, movements FROM ${table}`,
  );
  return rows
    .map((row) => ({ account: row.account, balanceMinor: BigInt(row.balance_minor), movements: row.movements }))
    .sort((a, b) => a.account.localeCompare(b.account));
}

/** Entries per event id: every applied movement must appear exactly once. */
export async function entryCounts(dataSource: DataSource): Promise<{ entries: number; distinctEvents: number }> {
  const rows: Array<{ entries: string; distinct_events: string }> = await dataSource.query(
    'SELECT count(*)::text AS entries, count(DISTINCT event_id)::text AS distinct_events FROM account_entries',
  );
  return { entries: Number(rows[0].entries), distinctEvents: Number(rows[0].distinct_events) };
}

export function movementCount(events: readonly RecordedEvent[]): number {
  return events.filter((event) => event.type === 'Deposited' || event.type === 'Withdrawn').length;
}

/** A promise with its opener, to hold a batch's transaction open until the test has looked. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
