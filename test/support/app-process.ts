// Runs the app as a real child process for suites about boot, configuration and shutdown: the
// built server (`node <build>/src/main.js`, what `npm start` runs) unless another entry is named;
// a TypeScript entry such as the CLI runs under @swc-node/register, as `npm run cli` does. The
// child never inherits the app's variables from the outer environment: each suite says exactly
// what it sets.
import { ChildProcess, spawn } from 'child_process';
import { createServer } from 'net';
import { join } from 'path';
import { builtServerEntry } from './server-build';

const ROOT = join(__dirname, '..', '..');
const APP_VARIABLES = [
  'DATABASE_URL',
  'REDIS_URL',
  'EVENT_STORE',
  'EVENTSTORE_URL',
  'HOST',
  'PORT',
  'APP_ROLE',
  'LOG_LEVEL',
  'QUEUE_PREFIX',
  'EMBEDDED',
  'EMBEDDED_DATA_DIR',
  'BODY_LIMIT_BYTES',
  'DATABASE_POOL_SIZE',
  'READY_MAX_LAG_EVENTS',
  'READY_CHECK_TIMEOUT_MS',
];

export interface AppProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export interface AppProcessOptions {
  /** Script to run (default: the built server; the CLI is `src/ops/cli/main.ts`). */
  entry?: string;
  args?: readonly string[];
}

export function startAppProcess(env: Record<string, string>, { entry = builtServerEntry(), args = [] }: AppProcessOptions = {}): AppProcess {
  const base = { ...process.env };
  for (const name of APP_VARIABLES) delete base[name];
  const child = spawn(process.execPath, [...nodeArgsFor(entry), ...args], { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Node's arguments to run `entry`: plain for JavaScript, through @swc-node/register for TypeScript. */
export function nodeArgsFor(entry: string): string[] {
  return entry.endsWith('.ts') ? ['-r', '@swc-node/register', entry] : [entry];
}

export interface AppRunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the app (or the CLI, with `entry`) until it exits on its own. */
export async function runAppProcess(env: Record<string, string>, options?: AppProcessOptions): Promise<AppRunResult> {
  const app = startAppProcess(env, options);
  const code = await app.exited;
  return { code, stdout: app.stdout(), stderr: app.stderr() };
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
