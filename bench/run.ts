// `npm run bench [-- <name filter>…]`: runs the benchmarks (all, or those whose name contains a
// filter) one after another, each in its own child process, then prints the summary: every figure
// with a target, its ratio and whether the target is met, and each benchmark's peak RSS.
// Exit code: 0 when every selected benchmark ran (targets missed included), 1 when one failed.
import { fork } from 'child_process';
import { join } from 'path';
import type { ChildMessage } from './bench-child';
import { benchmarks, BenchmarkEntry, selectBenchmarks } from './benchmarks';
import { describeBenchConfig, loadBenchConfig } from './support/bench-config';
import { formatResources, formatSummary } from './support/bench-report';
import type { BenchResult } from './support/bench-result';

interface Failure {
  name: string;
  reason: string;
}

let interrupted = false;

function runChild(entry: BenchmarkEntry): Promise<BenchResult | Failure> {
  return new Promise((resolve) => {
    // execArgv is inherited: the child loads TypeScript through @swc-node/register too.
    const child = fork(join(__dirname, 'bench-child.ts'), [entry.name], { stdio: 'inherit' });
    let message: ChildMessage | null = null;
    child.on('message', (received: ChildMessage) => {
      message = received;
    });
    child.on('exit', (code, signal) => {
      const received = message as ChildMessage | null;
      if (received?.kind === 'result') resolve(received.result);
      else if (received?.kind === 'error') resolve({ name: entry.name, reason: received.message });
      else resolve({ name: entry.name, reason: `exited with ${signal ?? `code ${code}`} before reporting` });
    });
  });
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2).filter((arg) => arg.trim() !== '');
  const selected = selectBenchmarks(filters);
  if (selected.length === 0) {
    process.stderr.write(`No benchmark matches ${filters.join(', ')}. Benchmarks: ${benchmarks.map((entry) => entry.name).join(', ')}\n`);
    return 2;
  }
  const config = loadBenchConfig();
  process.stdout.write(`Benchmarks: ${selected.map((entry) => entry.name).join(', ')}\n${describeBenchConfig(config)}\n`);

  const results: BenchResult[] = [];
  const failures: Failure[] = [];
  for (const entry of selected) {
    if (interrupted) break;
    process.stdout.write(`\n=== ${entry.name} ===\n`);
    const outcome = await runChild(entry);
    if ('figures' in outcome) results.push(outcome);
    else failures.push(outcome);
  }

  process.stdout.write(`\n=== summary ===\n${formatSummary(results)}\n\n${formatResources(results, failures)}\n`);
  if (interrupted) process.stdout.write('(interrupted: the remaining benchmarks did not run)\n');
  return failures.length > 0 || interrupted ? 1 : 0;
}

// Ctrl-C reaches the child too (same process group); it drops its database and exits, then we stop.
process.on('SIGINT', () => {
  interrupted = true;
});

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
