// Boot failures of the real process (`npm start`): a bad variable or a missing service ends it
// with one clear line on stderr and a non-zero exit code, never a stack trace.
import { randomBytes } from 'crypto';
import { Client } from 'pg';
import { freeLocalPort, runAppProcess } from '@test/support/app-process';
import { TEST_REDIS_URL, TEST_SERVER_URL } from '@test/support';

const CLI = 'src/ops/cli/main.ts';

async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: TEST_SERVER_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function expectOneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0];
}

describe('boot failures', () => {
  it('boot_WhenAVariableIsInvalid_ThenOneLineNamingItAndExit1', async () => {
    const result = await runAppProcess({ PORT: 'abc' });
    expect(result.code).toBe(1);
    expect(expectOneLine(result.stderr)).toBe('Invalid configuration: PORT must be an integer between 1 and 65535 (got "abc")');
    expect(result.stdout).toBe('');
  });

  it('boot_WhenEventStoreDbWithoutUrl_ThenOneLineAskingForIt', async () => {
    const result = await runAppProcess({ EVENT_STORE: 'eventstoredb' });
    expect(result.code).toBe(1);
    expect(expectOneLine(result.stderr)).toMatch(/^Invalid configuration: EVENTSTORE_URL is required when EVENT_STORE=eventstoredb/);
  });

  it('boot_WhenPostgresUnreachable_ThenOneLineSayingWhatToStart', async () => {
    const port = await freeLocalPort();
    const result = await runAppProcess({ DATABASE_URL: `postgres://postgres:pw@127.0.0.1:${port}/cobalt`, LOG_LEVEL: 'silent' });
    expect(result.code).toBe(1);
    const line = expectOneLine(result.stderr);
    expect(line).toMatch(new RegExp(`^PostgreSQL is not reachable at postgres://127\\.0\\.0\\.1:${port}/cobalt \\(.+\\): start it`));
    expect(line).toContain('unset DATABASE_URL to use the embedded one');
    expect(line).not.toContain('pw@');
  });

  it('boot_WhenRedisUnreachable_ThenOneLineSayingWhatToStartAndNoDatabaseCreated', async () => {
    const redisPort = await freeLocalPort();
    const database = `cobalt_test_boot_${randomBytes(4).toString('hex')}`;
    const serverUrl = new URL(TEST_SERVER_URL);
    serverUrl.pathname = `/${database}`;
    const result = await runAppProcess({ DATABASE_URL: serverUrl.toString(), REDIS_URL: `redis://127.0.0.1:${redisPort}`, LOG_LEVEL: 'silent' });
    expect(result.code).toBe(1);
    const line = expectOneLine(result.stderr);
    expect(line).toMatch(new RegExp(`^Redis is not reachable at redis://127\\.0\\.0\\.1:${redisPort} \\(.+\\): start it`));
    expect(line).toContain('unset REDIS_URL to run the job queues on PostgreSQL');
    // Services are checked before anything is created.
    const found = await onServer((client) => client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]));
    expect(found.rowCount).toBe(0);
  });

  it('boot_WhenEventStoreDbUnreachable_ThenOneLineSayingWhatToStart', async () => {
    const esdbPort = await freeLocalPort();
    const serverUrl = new URL(TEST_SERVER_URL);
    serverUrl.pathname = `/cobalt_test_boot_${randomBytes(4).toString('hex')}`;
    const result = await runAppProcess({
      DATABASE_URL: serverUrl.toString(),
      REDIS_URL: TEST_REDIS_URL,
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_URL: `esdb://127.0.0.1:${esdbPort}?tls=false`,
      LOG_LEVEL: 'silent',
    });
    expect(result.code).toBe(1);
    expect(expectOneLine(result.stderr)).toBe(
      `EventStoreDB is not reachable at 127.0.0.1:${esdbPort}: start it (e.g. docker compose up -d eventstore) or set EVENT_STORE=postgres`,
    );
  });

  it('cli_WhenCommandUnknown_ThenOneLineAndExit1', async () => {
    const result = await runAppProcess({}, { entry: CLI, args: ['frobnicate'] });
    expect(result.code).toBe(1);
    expect(expectOneLine(result.stderr)).toMatch(/^unknown command "frobnicate" \(known: db:migrate, projections:rebuild(, [a-z:-]+)*\)$/);
  });

  it('cliDbMigrate_WhenDatabaseMissing_ThenCreatesAndMigratesIt', async () => {
    const database = `cobalt_test_cli_${randomBytes(4).toString('hex')}`;
    const serverUrl = new URL(TEST_SERVER_URL);
    serverUrl.pathname = `/${database}`;
    try {
      const first = await runAppProcess({ DATABASE_URL: serverUrl.toString() }, { entry: CLI, args: ['db:migrate'] });
      expect(first).toMatchObject({ code: 0, stderr: '' });
      expect(first.stdout).toMatch(/^created the database\napplied: CreateEventStore\d+, /);
      const second = await runAppProcess({ DATABASE_URL: serverUrl.toString() }, { entry: CLI, args: ['db:migrate'] });
      expect(second).toMatchObject({ code: 0, stdout: 'database schema is up to date\n' });
    } finally {
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    }
  });
});
