// `npm run cli -- db:migrate`: creates the database if missing and applies pending migrations.
import { ensureDatabaseExists, runAppMigrations } from '../../database/database-bootstrap';
import { CliCommand, CliUsageError, withDatabase } from '../cli-command';

export const dbMigrateCommand: CliCommand = {
  name: 'db:migrate',
  usage: '',
  summary: 'create the database if missing and apply pending migrations',
  async run(args, context) {
    if (args.length > 0) throw new CliUsageError('db:migrate takes no arguments');
    await withDatabase(context, async (databaseUrl) => {
      if (await ensureDatabaseExists(databaseUrl)) context.print('created the database');
      const applied = await runAppMigrations(databaseUrl);
      context.print(applied.length === 0 ? 'database schema is up to date' : `applied: ${applied.join(', ')}`);
    });
  },
};
