// A server under test as a child process of the benchmark: `node <entry>` for a built server
// (JavaScript, what `npm start` runs), `node -r @swc-node/register <entry>` for a TypeScript one
// (the baseline); started with exactly the environment it is given, ready once /health answers, measured by its
// resident set size (Linux /proc), stopped with SIGTERM.
import { ChildProcess, spawn } from 'child_process';
import { readFileSync } from 'fs';
import { createServer } from 'net';
import { join } from 'path';
import { nodeArgsFor } from '@test/support/app-process';

const ROOT = join(__dirname, '..', '..');
const READY_TIMEOUT_MS = 120_000;

export interface ServerProcess {
  readonly baseUrl: string;
  readonly pid: number;
  /** Resident set size now and at its peak (VmRSS, VmHWM), in MiB. */
  memoryMiB(): { rss: number; peak: number };
  /** What it printed on stderr (for failure reports). */
  stderr(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

async function waitUntilHealthy(baseUrl: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before answering: ${stderr().slice(-2000)}`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer /health within ${READY_TIMEOUT_MS / 1000} s: ${stderr().slice(-2000)}`);
}

/**
 * `BENCH_HTTP_CPU_PROFILE=<dir>`: the server writes a V8 CPU profile there when it stops (open it
 * in Chrome DevTools), to see where a load spends the server's time.
 */
function profileArgs(): string[] {
  const directory = process.env.BENCH_HTTP_CPU_PROFILE?.trim();
  return directory === undefined || directory === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${directory}`];
}

function spawnProcess(entry: string, env: Record<string, string>, baseUrl: string): { process: ServerProcess; child: ChildProcess } {
  const child = spawn(process.execPath, [...profileArgs(), ...nodeArgsFor(entry)], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    // Keep the tail only: a long run must not grow this without bound.
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server process has no pid');
  const started: ServerProcess = {
    baseUrl,
    pid,
    memoryMiB: () => memoryOf(pid),
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
  return { process: started, child };
}

export async function startServerProcess(entry: string, env: Record<string, string>, port: number): Promise<ServerProcess> {
  const { process: started, child } = spawnProcess(entry, env, `http://127.0.0.1:${port}`);
  try {
    await waitUntilHealthy(started.baseUrl, child, () => started.stderr());
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return started;
}

/**
 * A process without an HTTP listener (APP_ROLE=worker): started, not awaited; the caller sees it
 * work through what the API reports (projection lag on /ready).
 */
export function startBackgroundProcess(entry: string, env: Record<string, string>): ServerProcess {
  return spawnProcess(entry, env, '').process;
}
