// APP_ROLE over a real process: `worker` runs background work with no HTTP listener and stops
// cleanly on SIGTERM; a port already taken ends the boot with one line.
import { createServer, Server, Socket } from 'net';
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL, TestDatabase, TestQueuePrefix } from '@test/support';
import { freeLocalPort, runAppProcess, startAppProcess } from '@test/support/app-process';

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('roles of the real process', () => {
  let database: TestDatabase;
  let queuePrefix: TestQueuePrefix;

  beforeAll(async () => {
    database = await createTestDatabase('roles');
    queuePrefix = createTestQueuePrefix('roles');
  });

  afterAll(async () => {
    await database?.drop();
    await queuePrefix?.cleanup();
  });

  it('workerRole_WhenStarted_ThenRunsConsumersWithoutHttpAndStopsOnSigterm', async () => {
    const port = await freeLocalPort();
    const app = startAppProcess({ DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: queuePrefix.prefix, APP_ROLE: 'worker', PORT: String(port) });
    try {
      await until(() => app.stdout().includes('job dispatcher lock taken') || app.child.exitCode !== null);
      expect(app.stdout()).toContain('APP_ROLE=worker: running background work without an HTTP listener');
      expect(app.stdout()).toContain('projection runner started');
      expect(await accepts(port)).toBe(false);
    } finally {
      app.child.kill('SIGTERM');
    }
    expect(await app.exited).toBe(0);
    expect(app.stderr()).toBe('');
  });

  it('apiRole_WhenPortTaken_ThenOneLineAndExit1', async () => {
    const squatter: Server = createServer();
    const port = await new Promise<number>((resolve) => squatter.listen(0, '127.0.0.1', () => resolve((squatter.address() as { port: number }).port)));
    try {
      const result = await runAppProcess({
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: queuePrefix.prefix,
        APP_ROLE: 'api',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'silent',
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`Port ${port} on 127.0.0.1 is already in use: stop the other server or set PORT to a free port\n`);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
