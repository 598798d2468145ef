// The admin key the demo starts from: DEMO_ADMIN_KEY when given; otherwise one is created by the
// CLI's own `keys:create-admin` against DATABASE_URL, which must be the running server's database
// (the defaults of both point at postgres://postgres@127.0.0.1:5432/cobalt). The key is never printed.
import { loadAppConfig } from '../config/app-config';
import { keysCreateAdminCommand } from '../cli/commands/keys-create-admin.command';
import { createAppLogger } from '../logging/app-logger';

export interface DemoAdminKey {
  key: string;
  /** How it was obtained, for the story's first line. */
  origin: string;
}

const KEY_LINE = /^crk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/;

export async function demoAdminKey(env: NodeJS.ProcessEnv): Promise<DemoAdminKey> {
  const given = env.DEMO_ADMIN_KEY?.trim();
  if (given !== undefined && given !== '') return { key: given, origin: 'taken from DEMO_ADMIN_KEY' };
  const lines: string[] = [];
  const config = loadAppConfig(env);
  await keysCreateAdminCommand.run(['--label', 'demo (npm run demo)'], {
    config,
    logger: createAppLogger('warn', process.stderr),
    print: (line) => lines.push(line),
  });
  const key = lines.find((line) => KEY_LINE.test(line.trim()))?.trim();
  if (key === undefined) throw new Error('keys:create-admin printed no key');
  const idLine = lines.find((line) => line.startsWith('created admin key')) ?? 'created an admin key';
  const database = new URL(config.databaseUrl).pathname.slice(1);
  return { key, origin: `${idLine.split(';')[0]} with keys:create-admin in database "${database}"` };
}
