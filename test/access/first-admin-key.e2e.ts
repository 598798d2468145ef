// The first admin key (DESIGN §3.6): BOOTSTRAP_ADMIN_KEY on an empty database (once, even with
// replicas booting together; ignored afterwards) and `npm run cli -- keys:create-admin`.
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL, TestDatabase } from '@test/support';
import { createTestApp, TestApp } from '@test/support/test-app';
import { DataSource } from 'typeorm';
import { issueApiKey } from '../../src/access/api-keys/api-key-token';
import { BOOTSTRAP_KEY_LABEL } from '../../src/access/api-keys/bootstrap-admin-key';
import type { AppRuntime } from '../../src/ops/bootstrap/app-runtime';
import { createApp } from '../../src/ops/bootstrap/create-app';
import { runCommand } from '../../src/ops/cli/command-registry';
import { CliUsageError } from '../../src/ops/cli/cli-command';
import { parseLabel } from '../../src/ops/cli/commands/keys-create-admin.command';
import { loadAppConfig } from '../../src/ops/config/app-config';
import { runAppMigrations } from '../../src/ops/database/database-bootstrap';
import { createAppLogger } from '../../src/ops/logging/app-logger';
import { bearer, streamEvents } from './access-fixtures';

function runtimeFor(database: TestDatabase, queuePrefix: string, bootstrapAdminKey?: string): AppRuntime {
  const config = loadAppConfig({
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    EMBEDDED: 'never',
    LOG_LEVEL: 'silent',
    BOOTSTRAP_ADMIN_KEY: bootstrapAdminKey,
  });
  return { config, databaseUrl: database.url, jobs: { kind: 'redis', url: config.redisUrl }, embeddedPostgres: null };
}

async function bootApp(runtime: AppRuntime): Promise<NestFastifyApplication> {
  const app = await createApp(runtime, { logger: createAppLogger('silent'), swaggerUi: false });
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

async function keyRows(dataSource: DataSource): Promise<{ id: string; role: string; label: string }[]> {
  return dataSource.query('SELECT id, role, label FROM api_keys ORDER BY created_at');
}

/** The same app runtime, booted with another BOOTSTRAP_ADMIN_KEY. */
function withBootstrapKey(runtime: AppRuntime, token: string): AppRuntime {
  return { ...runtime, config: { ...runtime.config, environment: { ...runtime.config.environment, BOOTSTRAP_ADMIN_KEY: token } } };
}

describe('first admin key (e2e)', () => {
  describe('BOOTSTRAP_ADMIN_KEY', () => {
    let testApp: TestApp;
    const bootstrap = issueApiKey();

    beforeAll(async () => {
      testApp = await createTestApp({ tag: 'access_boot', env: { BOOTSTRAP_ADMIN_KEY: bootstrap.token } });
    });

    afterAll(async () => {
      await testApp?.close();
    });

    it('boot_WhenTableEmpty_ThenTheGivenKeyIsAnAdminKey_RecordedWithoutItsSecret', async () => {
      await request(testApp.server).get('/v1/me').set(bearer(bootstrap.token)).expect(200, { keyId: bootstrap.keyId, role: 'admin', companyId: null });
      const events = await streamEvents(testApp, `api-key-${bootstrap.keyId}`);
      expect(events.map((event) => [event.type, event.data])).toEqual([
        ['ApiKeyCreated', { keyId: bootstrap.keyId, role: 'admin', companyId: null, label: BOOTSTRAP_KEY_LABEL, expiresAt: null }],
      ]);
      expect(events[0].metadata.actorKeyId).toBeNull();
      expect(JSON.stringify(events[0].data)).not.toContain(bootstrap.secret);
    });

    it('boot_WhenKeysExistAlready_ThenAnotherBootstrapKeyIsIgnored', async () => {
      const other = issueApiKey();
      const second = await bootApp(withBootstrapKey(testApp.runtime, other.token));
      try {
        await request(second.getHttpServer()).get('/v1/me').set(bearer(other.token)).expect(401);
        await request(second.getHttpServer()).get('/v1/me').set(bearer(bootstrap.token)).expect(200);
      } finally {
        await second.close();
      }
      expect((await keyRows(testApp.app.get(DataSource))).map((row) => row.id)).toEqual([bootstrap.keyId]);
    });
  });

  it('boot_WhenTwoReplicasBootTogetherOnAnEmptyDatabase_ThenOneKeyAndOneEvent', async () => {
    const database = await createTestDatabase('access_replicas');
    const queuePrefix = createTestQueuePrefix('access_replicas');
    const bootstrap = issueApiKey();
    const apps: NestFastifyApplication[] = [];
    try {
      await runAppMigrations(database.url);
      const runtime = runtimeFor(database, queuePrefix.prefix, bootstrap.token);
      apps.push(...(await Promise.all([bootApp(runtime), bootApp(runtime)])));
      const dataSource = apps[0].get(DataSource);
      expect(await keyRows(dataSource)).toEqual([{ id: bootstrap.keyId, role: 'admin', label: BOOTSTRAP_KEY_LABEL }]);
      const [events] = await dataSource.query('SELECT count(*)::int AS count FROM events WHERE stream_id = $1', [`api-key-${bootstrap.keyId}`]);
      expect(events.count).toBe(1);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
      await database.drop();
      await queuePrefix.cleanup();
    }
  });

  describe('npm run cli -- keys:create-admin', () => {
    it('parseLabel_WhenLabelGivenEitherWay_ThenUsed_WhenOtherArguments_ThenUsageError', () => {
      expect(parseLabel([])).toBe('admin (cli)');
      expect(parseLabel(['--label', 'ops laptop'])).toBe('ops laptop');
      expect(parseLabel(['--label=ops laptop'])).toBe('ops laptop');
      expect(() => parseLabel(['--role', 'finance'])).toThrow(CliUsageError);
    });

    it('command_WhenRunOnAFreshDatabase_ThenMigratesAndPrintsAWorkingAdminKeyOnce', async () => {
      const database = await createTestDatabase('access_cli');
      const queuePrefix = createTestQueuePrefix('access_cli');
      const runtime = runtimeFor(database, queuePrefix.prefix);
      const printed: string[] = [];
      let app: NestFastifyApplication | null = null;
      try {
        await runCommand(['keys:create-admin', '--label', 'ops laptop'], {
          config: runtime.config,
          logger: createAppLogger('silent'),
          print: (line) => printed.push(line),
        });
        const keys = printed.filter((line) => /^crk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/.test(line));
        expect(keys).toHaveLength(1);
        app = await bootApp(runtime);
        const me = await request(app.getHttpServer()).get('/v1/me').set(bearer(keys[0])).expect(200);
        expect(me.body.role).toBe('admin');
        expect(await keyRows(app.get(DataSource))).toEqual([{ id: me.body.keyId, role: 'admin', label: 'ops laptop' }]);
      } finally {
        await app?.close();
        await database.drop();
        await queuePrefix.cleanup();
      }
    });
  });
});
