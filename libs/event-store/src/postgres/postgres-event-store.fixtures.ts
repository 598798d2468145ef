// Test-only helpers of the PostgreSQL adapter's specs: a migrated database per suite, appends held
// open in a transaction (through the adapter's own statement), writes that send no NOTIFY, and a
// logger that records what the store reports.
import { createTestDatabase, runMigrations, TestDatabase } from '@test/support';
import { Client } from 'pg';
import type { ExpectedRevision, NewEvent } from '../event-store.port';
import type { LogPosition } from '../log-position';
import { appendStatement, prepareAppend, readAppendRows } from './append-statements';
import type { EventStoreLogger } from './event-store-logger';
import { eventStoreMigrations } from './postgres-schema';

export async function createEventStoreDatabase(tag: string): Promise<TestDatabase> {
  const database = await createTestDatabase(tag);
  await runMigrations(database.url, eventStoreMigrations);
  return database;
}

/** An append whose transaction is still open: its rows hold their positions but are invisible. */
export interface HeldAppend {
  readonly position: LogPosition;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export async function holdAppend(url: string, streamId: string, events: readonly NewEvent[], expected: ExpectedRevision = 'no_stream'): Promise<HeldAppend> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const outcome = readAppendRows((await client.query(appendStatement(prepareAppend(streamId, events, expected)))).rows);
    if (outcome.kind !== 'appended') throw new Error(`held append to ${streamId} was refused`);
    const finish = async (command: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
      try {
        await client.query(command);
      } finally {
        await client.end();
      }
    };
    return { position: outcome.position, commit: () => finish('COMMIT'), rollback: () => finish('ROLLBACK') };
  } catch (error) {
    await client.end();
    throw error;
  }
}

/** Appends in autocommit through the adapter's statement, as a writer that never sends NOTIFY. */
export async function appendWithoutNotify(url: string, streamId: string, events: readonly NewEvent[], expected: ExpectedRevision = 'no_stream'): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const outcome = readAppendRows((await client.query(appendStatement(prepareAppend(streamId, events, expected)))).rows);
    if (outcome.kind !== 'appended') throw new Error(`append to ${streamId} was refused`);
  } finally {
    await client.end();
  }
}

/** Runs one statement on a fresh connection (for the checks a test makes behind the store's back). */
export async function onConnection<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface LogEntry {
  level: 'debug' | 'warn' | 'error';
  details: object;
  message: string;
}

export class RecordingLogger implements EventStoreLogger {
  readonly entries: LogEntry[] = [];

  debug(details: object, message: string): void {
    this.entries.push({ level: 'debug', details, message });
  }

  warn(details: object, message: string): void {
    this.entries.push({ level: 'warn', details, message });
  }

  error(details: object, message: string): void {
    this.entries.push({ level: 'error', details, message });
  }
}
