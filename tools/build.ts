// Builds the runnable server: every TypeScript file of src/ and libs/ (tests left out) compiled
// by SWC into dist/ with the same layout, so `node dist/src/main.js` runs the product.
// Why SWC and not tsc: it applies exactly the transform the tests and `npm run cli` run under
// (@swc/jest, @swc-node/register: legacy decorators with metadata, kept class names), and it
// rewrites the `@lib/*` path aliases of tsconfig.json into relative requires, which tsc leaves
// as they are. Type errors are caught by `npm run typecheck` (part of `npm test`), not here.
// Why build at all: a server that compiles its sources as it loads them keeps the compiler in
// memory: SWC's native module and the TypeScript package it reads tsconfig with cost ~90 MiB
// of the server's resident memory (bench/README.md).
import { Options, transformFile } from '@swc/core';
import { mkdir, readdir, readFile, rm, writeFile } from 'fs/promises';
import { basename, dirname, join, relative } from 'path';

const ROOT = join(__dirname, '..');
const SOURCE_FOLDERS = ['src', 'libs'];
/** Tests, fixtures and test kits are never part of the server. */
const LEFT_OUT = [/\.spec\.ts$/, /\.e2e\.ts$/, /\.fixtures\.ts$/, /\.d\.ts$/, /(^|\/)test\//];
/** Files compiled at once: SWC works on its own threads, a few in flight keep them busy. */
const CONCURRENCY = 16;

export interface BuildResult {
  outDir: string;
  files: number;
  milliseconds: number;
}

/** Compiles src/ and libs/ into `outDir` (emptied first); resolves with what it wrote. */
export async function build(outDir = join(ROOT, 'dist')): Promise<BuildResult> {
  const started = Date.now();
  const options = await swcOptions();
  const files = (await Promise.all(SOURCE_FOLDERS.map((folder) => typeScriptFiles(join(ROOT, folder))))).flat();
  await rm(outDir, { recursive: true, force: true });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++];
      await compile(file, join(outDir, relative(ROOT, file)).replace(/\.ts$/, '.js'), options);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { outDir, files: files.length, milliseconds: Date.now() - started };
}

async function compile(source: string, target: string, options: Options): Promise<void> {
  const output = await transformFile(source, { ...options, filename: source, sourceFileName: relative(dirname(target), source), outputPath: target });
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, `${output.code}\n//# sourceMappingURL=${basename(target)}.map\n`);
  if (output.map !== undefined) await writeFile(`${target}.map`, output.map);
}

/** The repository's .swcrc, plus tsconfig.json's path aliases (resolved from the repository root). */
async function swcOptions(): Promise<Options> {
  const swcrc = JSON.parse(await readFile(join(ROOT, '.swcrc'), 'utf8')) as Options & { $schema?: string };
  const tsconfig = JSON.parse(await readFile(join(ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
  const { $schema: _schema, ...options } = swcrc;
  return {
    ...options,
    swcrc: false,
    configFile: false,
    sourceMaps: true,
    jsc: { ...options.jsc, baseUrl: ROOT, paths: tsconfig.compilerOptions.paths },
  };
}

async function typeScriptFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !LEFT_OUT.some((pattern) => pattern.test(relative(ROOT, file))))
    .sort();
}

if (require.main === module) {
  build().then(
    (result) => console.log(`built ${result.files} files into ${relative(process.cwd(), result.outDir) || '.'} in ${result.milliseconds} ms`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
