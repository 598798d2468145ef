// Every TypeORM migration of the app, in one list: the app runs them at boot and `db:migrate`
// runs them on demand. Each library or context exports its own array; add it here when it lands.
// TypeORM orders them by the timestamp in their class names, not by their place in this list.
import type { MigrationInterface } from 'typeorm';
import { eventStoreMigrations } from '@lib/event-store';
import { projectionsMigrations } from '@lib/projections';
import { accessMigrations } from '../../access/access.migrations';
import { fundingPoolsMigrations } from '../../funding/pools/funding-pools.migrations';
import { reconciliationMigrations } from '../../funding/reconciliation/read-model/reconciliation.migration';
import { registryMigrations } from '../../registry/registry.migrations';

export type MigrationClass = new () => MigrationInterface;

export const appMigrations: readonly MigrationClass[] = [...eventStoreMigrations, ...projectionsMigrations, ...accessMigrations, ...registryMigrations, ...reconciliationMigrations, ...fundingPoolsMigrations];
