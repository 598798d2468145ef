// The suites that run the app as a real process run what `npm start` runs: the server built by
// tools/build.ts. Jest's global setup builds it once per test run into its own folder (given
// to the workers in TEST_SERVER_BUILD); the global teardown removes it.
import { readdir, rm, stat } from 'fs/promises';
import { join } from 'path';
import { build } from '../../tools/build';

const ROOT = join(__dirname, '..', '..');
const BUILDS = join(ROOT, '.build');
export const SERVER_BUILD_VARIABLE = 'TEST_SERVER_BUILD';
/** A run killed before its teardown leaves its build behind; older than this, it is removed. */
const STALE_BUILD_MS = 24 * 60 * 60 * 1000;

/** Jest globalSetup: one build per run (inside the repository, so node_modules resolve from it). */
export async function buildServerForTests(): Promise<void> {
  await removeStaleBuilds();
  const { outDir } = await build(join(BUILDS, `test-${process.pid}-${Date.now().toString(36)}`));
  process.env[SERVER_BUILD_VARIABLE] = outDir;
}

async function removeStaleBuilds(): Promise<void> {
  const names = await readdir(BUILDS).catch(() => [] as string[]);
  for (const name of names.filter((entry) => entry.startsWith('test-'))) {
    const path = join(BUILDS, name);
    // Another run may be removing it at the same moment.
    const info = await stat(path).catch(() => null);
    if (info !== null && Date.now() - info.mtimeMs > STALE_BUILD_MS) await rm(path, { recursive: true, force: true });
  }
}

/** Jest globalTeardown. */
export async function removeServerBuild(): Promise<void> {
  const outDir = process.env[SERVER_BUILD_VARIABLE];
  if (outDir !== undefined && outDir !== '') await rm(outDir, { recursive: true, force: true });
}

/** The built server's entry point; throws when the run was started without the global setup. */
export function builtServerEntry(): string {
  const outDir = process.env[SERVER_BUILD_VARIABLE];
  if (outDir === undefined || outDir === '') throw new Error(`${SERVER_BUILD_VARIABLE} is not set: run the suites with Jest's globalSetup (jest.config.js)`);
  return join(outDir, 'src', 'main.js');
}
