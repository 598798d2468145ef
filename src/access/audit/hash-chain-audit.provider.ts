// Provides the HashChainAudit of the deployment's event store: the PostgreSQL one reads the events
// table through the app's TypeORM pool (short statements, no pool of its own); the other stores
// keep no chain, and the routes say so (404 AUDIT.HASH_CHAIN_UNAVAILABLE).
import type { Provider } from '@nestjs/common';
import { HashChainAudit, PostgresHashChainAudit, SqlRows } from '@lib/event-store';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../ops/config/app-config';
import { APP_CONFIG } from '../../ops/platform/platform.tokens';
import { HashChainUnavailable } from './audit.errors';

/** HashChainAudit (@lib/event-store): one per process, it holds the ledger head's state. */
export const HASH_CHAIN_AUDIT = Symbol('HASH_CHAIN_AUDIT');

function unavailable(eventStore: string): HashChainAudit {
  const refuse = (): Promise<never> => Promise.reject(new HashChainUnavailable(eventStore));
  return { verify: refuse, ledgerHead: refuse, listEvents: refuse };
}

/** Runs one statement and returns its rows (TypeORM's dataSource.query in the app). */
export type RowsQuery = (text: string, values: unknown[]) => Promise<unknown[]>;

/** The deployment's HashChainAudit. */
export function createHashChainAudit(config: Pick<AppConfig, 'eventStore'>, query: RowsQuery): HashChainAudit {
  if (config.eventStore !== 'postgres') return unavailable(config.eventStore);
  // dataSource.query returns the rows of a SELECT, as pg parses them: what SqlRows asks for.
  const sql: SqlRows = <TRow>(text: string, values: readonly unknown[]) => query(text, [...values]) as Promise<TRow[]>;
  return new PostgresHashChainAudit(sql);
}

export const hashChainAuditProvider: Provider = {
  provide: HASH_CHAIN_AUDIT,
  inject: [APP_CONFIG, DataSource],
  useFactory: (config: AppConfig, dataSource: DataSource): HashChainAudit => createHashChainAudit(config, (text, values) => dataSource.query(text, values)),
};
