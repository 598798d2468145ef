// Runs TypeORM migrations against a test database, the same way the app does at boot.
import { DataSource, MigrationInterface } from 'typeorm';

type MigrationClass = new () => MigrationInterface;

export async function runMigrations(url: string, migrations: readonly MigrationClass[]): Promise<void> {
  const dataSource = new DataSource({ type: 'postgres', url, migrations: [...migrations], migrationsRun: false, logging: false });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
