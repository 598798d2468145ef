// What a benchmark is: a named async function that prints its details as it goes and returns its
// figures. The runner (bench/run.ts) runs each in a child process of its own (bench-child.ts).
import type { BenchConfig } from './bench-config';
import type { BenchFigure } from './bench-result';

export interface BenchContext {
  readonly config: BenchConfig;
  /** A line of the benchmark's detailed output. */
  print(line: string): void;
  /** A line kept with the result: sizes, conditions, checks that passed. */
  note(line: string): void;
}

export interface Benchmark {
  /** `area.what`, matched by the runner's name filter, e.g. `event-store.read-all`. */
  readonly name: string;
  /** One line: what is measured against what. */
  readonly title: string;
  run(context: BenchContext): Promise<BenchFigure[]>;
}
