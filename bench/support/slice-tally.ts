// Adds up the time slices one system was measured in. Systems under comparison run in short
// slices taking turns (raw, ours, emmett, raw, …), so a burst of other work on this shared machine
// falls on all of them alike; each one's rate is its total work over its total time.

export interface Slice {
  readonly operations: number;
  readonly items: number;
  readonly elapsedMs: number;
  readonly latenciesMs?: readonly number[];
}

export class SliceTally {
  private operations = 0;
  private items = 0;
  private elapsedMs = 0;
  private readonly sliceItemRates: number[] = [];
  private readonly latenciesMs: number[] = [];
  private latenciesSorted = true;

  add(slice: Slice): void {
    this.operations += slice.operations;
    this.items += slice.items;
    this.elapsedMs += slice.elapsedMs;
    if (slice.elapsedMs > 0) this.sliceItemRates.push((slice.items * 1_000) / slice.elapsedMs);
    if (slice.latenciesMs !== undefined && slice.latenciesMs.length > 0) {
      for (const latency of slice.latenciesMs) this.latenciesMs.push(latency);
      this.latenciesSorted = false;
    }
  }

  get slices(): number {
    return this.sliceItemRates.length;
  }

  get totalItems(): number {
    return this.items;
  }

  get seconds(): number {
    return this.elapsedMs / 1_000;
  }

  get operationsPerSecond(): number {
    return this.elapsedMs > 0 ? (this.operations * 1_000) / this.elapsedMs : 0;
  }

  get itemsPerSecond(): number {
    return this.elapsedMs > 0 ? (this.items * 1_000) / this.elapsedMs : 0;
  }

  /** Nearest-rank percentile of per-operation latency (0 when none was recorded). */
  latencyMs(fraction: number): number {
    if (!this.latenciesSorted) {
      this.latenciesMs.sort((a, b) => a - b);
      this.latenciesSorted = true;
    }
    return percentile(this.latenciesMs, fraction);
  }

  /** Interquartile range of the per-slice item rates: how much the machine moved under us. */
  sliceRateQuartiles(): [number, number] {
    const sorted = [...this.sliceItemRates].sort((a, b) => a - b);
    return [percentile(sorted, 0.25), percentile(sorted, 0.75)];
  }
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
