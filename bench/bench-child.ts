// Runs one benchmark in this process and reports its result to the runner over IPC. One process
// per benchmark, so its peak RSS is its own and one benchmark's global state (emmett's pg type
// parsers, V8 heap) never colours another's figures.
import { performance } from 'perf_hooks';
import { benchmarks } from './benchmarks';
import { loadBenchConfig } from './support/bench-config';
import type { BenchResult } from './support/bench-result';

export type ChildMessage = { readonly kind: 'result'; readonly result: BenchResult } | { readonly kind: 'error'; readonly message: string };

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.send === undefined) {
      reject(new Error('bench-child.ts is started by bench/run.ts (npm run bench), not directly'));
      return;
    }
    process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

async function main(): Promise<void> {
  const name = process.argv[2];
  const entry = benchmarks.find((candidate) => candidate.name === name);
  if (entry === undefined) throw new Error(`Unknown benchmark ${name}`);
  const benchmark = await entry.load();
  const notes: string[] = [];
  const startedMs = performance.now();
  const figures = await benchmark.run({
    config: loadBenchConfig(),
    print: (line) => process.stdout.write(`${line}\n`),
    note: (line) => {
      notes.push(line);
      process.stdout.write(`  note: ${line}\n`);
    },
  });
  // maxRSS is the process's high-water mark in KiB, sampled by the kernel: nothing is missed between samples.
  const rssPeakMiB = process.resourceUsage().maxRSS / 1024;
  await send({ kind: 'result', result: { name: benchmark.name, figures, notes, rssPeakMiB, wallSeconds: (performance.now() - startedMs) / 1_000 } });
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${message}\n`);
    await send({ kind: 'error', message: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
    process.exit(1);
  },
);
