// How far V8 lets the heap grow past what survived the last full collection before it collects
// again. Left to itself V8 picks a factor of up to 4 on a machine with memory to spare: with about
// 100 MiB live, the server grew to 450 MiB of heap (560 MiB resident) under load, almost all of
// it garbage waiting for a collection. A factor of 2 (HEAP_GROWING_PERCENT=100, the default) held
// it near 340-365 MiB resident for the same load at no measurable CPU cost (more frequent, still
// concurrent, full collections); 0 leaves the choice to V8.
// Why at run time: the server is started as `node src/main.ts` by scripts we do not own (npm start,
// the benchmark), so command-line flags are not ours to set; this flag is read each time V8
// recomputes its heap limit, so setting it before the app is built takes effect.
import { setFlagsFromString } from 'v8';
import { BootError } from './boot-error';

export const DEFAULT_HEAP_GROWING_PERCENT = 100;
const MAX_HEAP_GROWING_PERCENT = 1_000;

/** Reads HEAP_GROWING_PERCENT (an integer from 0 to 1,000; 0: V8's own heuristics). */
export function heapGrowingPercent(env: NodeJS.ProcessEnv): number {
  const text = env.HEAP_GROWING_PERCENT?.trim();
  if (text === undefined || text === '') return DEFAULT_HEAP_GROWING_PERCENT;
  const percent = Number(text);
  if (!Number.isInteger(percent) || percent < 0 || percent > MAX_HEAP_GROWING_PERCENT) {
    throw new BootError(`HEAP_GROWING_PERCENT must be an integer from 0 to ${MAX_HEAP_GROWING_PERCENT}, got "${text}"`);
  }
  return percent;
}

/** Applies HEAP_GROWING_PERCENT to this process's V8 heap. */
export function boundHeapGrowth(env: NodeJS.ProcessEnv): void {
  const percent = heapGrowingPercent(env);
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
