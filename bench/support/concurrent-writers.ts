// Drives N concurrent writers (async loops sharing one pool) for a fixed duration or a fixed
// number of operations, and measures throughput and per-operation latency.
import { performance } from 'perf_hooks';

/** One operation of one writer (e.g. one append); resolves to the items it wrote (events). */
export type WriterOperation = () => Promise<number>;

export type WriterBudget = { readonly durationMs: number } | { readonly operations: number };

export interface WriterSample {
  readonly operations: number;
  readonly items: number;
  /** From the first start to the last operation's end (operations in flight at the deadline finish). */
  readonly elapsedMs: number;
  readonly operationsPerSecond: number;
  readonly itemsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
}

/** `writers[i]` is writer i's operation, with its own streams and state. */
export async function runWriters(writers: readonly WriterOperation[], budget: WriterBudget): Promise<WriterSample> {
  const latenciesMs: number[] = [];
  let items = 0;
  let remaining = 'operations' in budget ? budget.operations : Number.POSITIVE_INFINITY;
  const startedMs = performance.now();
  const deadlineMs = 'durationMs' in budget ? startedMs + budget.durationMs : Number.POSITIVE_INFINITY;

  const loop = async (operation: WriterOperation): Promise<void> => {
    while (remaining > 0 && performance.now() < deadlineMs) {
      // Taken before the await, so a fixed budget is never overshot by concurrent writers.
      remaining -= 1;
      const beganMs = performance.now();
      items += await operation();
      latenciesMs.push(performance.now() - beganMs);
    }
  };
  await Promise.all(writers.map(loop));

  const elapsedMs = performance.now() - startedMs;
  latenciesMs.sort((a, b) => a - b);
  return {
    operations: latenciesMs.length,
    items,
    elapsedMs,
    operationsPerSecond: (latenciesMs.length * 1_000) / elapsedMs,
    itemsPerSecond: (items * 1_000) / elapsedMs,
    latencyP50Ms: percentile(latenciesMs, 0.5),
    latencyP99Ms: percentile(latenciesMs, 0.99),
  };
}

/** Nearest-rank percentile of sorted values (0 for none). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Round r runs the systems starting at index r, so no system always goes first (or last). */
export function rotated<T>(items: readonly T[], round: number): T[] {
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
