// Drives N concurrent writers (async loops sharing one pool) for one time slice and measures what
// they did: operations, items, elapsed time and each operation's latency.
import { performance } from 'perf_hooks';

/** One operation of one writer (e.g. one append); resolves to the items it wrote (events). */
export type WriterOperation = () => Promise<number>;

export interface WriterSample {
  readonly operations: number;
  readonly items: number;
  /** From the first start to the last operation's end (operations in flight at the deadline finish). */
  readonly elapsedMs: number;
  /** Per operation, as its writer saw it (pool wait included). */
  readonly latenciesMs: readonly number[];
}

/** `writers[i]` is writer i's operation, with its own streams and state. */
export async function runWriters(writers: readonly WriterOperation[], durationMs: number): Promise<WriterSample> {
  const latenciesMs: number[] = [];
  let items = 0;
  const startedMs = performance.now();
  const deadlineMs = startedMs + durationMs;

  const loop = async (operation: WriterOperation): Promise<void> => {
    while (performance.now() < deadlineMs) {
      const beganMs = performance.now();
      // Not `items += await …`: that reads `items` before the await and loses other writers' counts.
      const written = await operation();
      items += written;
      latenciesMs.push(performance.now() - beganMs);
    }
  };
  await Promise.all(writers.map(loop));
  return { operations: latenciesMs.length, items, elapsedMs: performance.now() - startedMs, latenciesMs };
}

/** Round r runs the systems starting at index r, so no system always goes first (or last). */
export function rotated<T>(items: readonly T[], round: number): T[] {
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
