// `npm run cli -- keys:create-admin [--label <text>]`: creates an admin API key and prints it once
// (DESIGN §3.6). The way in on a fresh install, and the way back in if every admin key is lost.
import { ApiKeyIssuer } from '../../../access/api-keys/api-key-issuer';
import { systemMetadata } from '../../../access/api-keys/system-metadata';
import { CLOCK } from '../../../access/access.tokens';
import type { AppClock } from '../../../access/app-clock';
import { ensureDatabaseExists, runAppMigrations } from '../../database/database-bootstrap';
import { CliCommand, CliUsageError, withAppContext, withDatabase } from '../cli-command';

const DEFAULT_LABEL = 'admin (cli)';

export function parseLabel(args: readonly string[]): string {
  if (args.length === 0) return DEFAULT_LABEL;
  if (args.length === 2 && args[0] === '--label') return args[1];
  if (args.length === 1 && args[0].startsWith('--label=')) return args[0].slice('--label='.length);
  throw new CliUsageError('keys:create-admin takes only --label <text>');
}

export const keysCreateAdminCommand: CliCommand = {
  name: 'keys:create-admin',
  usage: '[--label <text>]',
  summary: 'create an admin API key and print it (shown only once)',
  async run(args, context) {
    const label = parseLabel(args);
    // The key table must exist before the app boots: migrate first, as db:migrate does.
    await withDatabase(context, async (databaseUrl) => {
      await ensureDatabaseExists(databaseUrl);
      await runAppMigrations(databaseUrl);
    });
    await withAppContext(context, async (app) => {
      const clock = app.get<AppClock>(CLOCK);
      const issued = await app.get(ApiKeyIssuer).create({ role: 'admin', companyId: null, label, expiresAt: null }, systemMetadata(clock));
      context.print(`created admin key ${issued.view.id} ("${issued.view.label}"); store it now, it is not shown again:`);
      context.print(issued.token);
    });
  },
};
