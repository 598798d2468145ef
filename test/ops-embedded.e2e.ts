// DESIGN §5's "Node alone" mode, as a user gets it from `npm start`: EMBEDDED=always with no
// DATABASE_URL or REDIS_URL boots an embedded PostgreSQL, runs the queues on it, serves HTTP,
// and on SIGTERM stops everything, the embedded server last.
import { existsSync } from 'fs';
import { chmod, mkdtemp, rm } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { AppProcess, freeLocalPort, startAppProcess } from '@test/support/app-process';
import { issueApiKey } from '../src/access/api-keys/api-key-token';

// The first admin key comes from BOOTSTRAP_ADMIN_KEY on the empty embedded database; /ready needs it.
const ADMIN_KEY = issueApiKey().token;

/** Polls /ready while the server is not listening yet or answers 503; the test's timeout bounds it. */
async function readyBody(baseUrl: string, app: AppProcess): Promise<Record<string, unknown>> {
  for (;;) {
    if (app.child.exitCode !== null) throw new Error(`the app exited early:\n${app.stderr()}\n${app.stdout().slice(-2_000)}`);
    const answer = await fetch(`${baseUrl}/ready`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } }).catch(() => null);
    if (answer?.status === 200) return (await answer.json()) as Record<string, unknown>;
    if (answer !== null && answer.status !== 503) throw new Error(`/ready answered ${answer.status}: ${await answer.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('embedded mode (EMBEDDED=always)', () => {
  let workDir: string;
  let app: AppProcess | null = null;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'cobalt-embedded-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data dir.
    await chmod(workDir, 0o755);
  });

  afterAll(async () => {
    if (app !== null && app.child.exitCode === null) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    await rm(workDir, { recursive: true, force: true });
  });

  it('start_WhenNoServicesConfigured_ThenServesReadyOnEmbeddedPostgresAndStopsCleanly', async () => {
    const port = await freeLocalPort();
    const dataDir = join(workDir, 'pg');
    app = startAppProcess({ BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, EMBEDDED: 'always', EMBEDDED_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', QUEUE_PREFIX: 'cobalt-embedded-test' });
    const baseUrl = `http://127.0.0.1:${port}`;

    const ready = await readyBody(baseUrl, app);
    expect(ready).toMatchObject({
      status: 'ready',
      checks: { database: { status: 'up' }, queues: { status: 'up', backend: 'postgres' }, eventStore: { status: 'up', kind: 'postgres' } },
    });
    expect(app.stdout()).toContain('PostgreSQL: starting the embedded server (EMBEDDED=always)');
    expect(app.stdout()).toContain('Job queues: BullMQ on PostgreSQL (EMBEDDED=always)');
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(true);

    // The Swagger UI needs @fastify/static, which only a real process (not Jest) can load.
    const docs = await fetch(`${baseUrl}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');

    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(app.stdout()).toContain('"msg":"stopped"');
    // PostgreSQL removes its lock file only on a clean shutdown.
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
  }, 180_000);
});
