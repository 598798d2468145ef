// Every benchmark, in the order a full run goes through them. Modules load lazily, in the child
// process that runs them: emmett (and its global pg type parsers) only enters the append benchmarks.
import type { Benchmark } from './support/benchmark';

export interface BenchmarkEntry {
  readonly name: string;
  load(): Promise<Benchmark>;
}

export const benchmarks: readonly BenchmarkEntry[] = [
  { name: 'event-store.single-append', load: async () => (await import('./event-store/single-append.bench')).singleAppendBenchmark },
  { name: 'event-store.batch-append', load: async () => (await import('./event-store/batch-append.bench')).batchAppendBenchmark },
  { name: 'event-store.read-all', load: async () => (await import('./event-store/read-all.bench')).readAllBenchmark },
  { name: 'projections.rebuild', load: async () => (await import('./projections/projection-rebuild.bench')).projectionRebuildBenchmark },
  { name: 'http.reservations', load: async () => (await import('./http/http-reservations.bench')).httpReservationsBenchmark },
];

/** Benchmarks whose name contains any of `filters` (all of them for no filter). */
export function selectBenchmarks(filters: readonly string[]): BenchmarkEntry[] {
  if (filters.length === 0) return [...benchmarks];
  return benchmarks.filter((entry) => filters.some((filter) => entry.name.includes(filter)));
}
