// What a benchmark hands back to the runner: its figures (each with an optional target), its
// notes, and the resources it used. Plain data, so it crosses the child-process IPC channel as is.

/** A figure's goal: an absolute floor, or a floor relative to a baseline measured in the same run. */
export type BenchTarget =
  | { readonly kind: 'at-least'; readonly value: number }
  | { readonly kind: 'ratio-at-least'; readonly ratio: number; readonly baseline: string; readonly baselineValue: number };

export interface BenchFigure {
  /** e.g. "single appends, 8 writers". */
  readonly label: string;
  readonly value: number;
  /** e.g. "appends/s", "events/s". */
  readonly unit: string;
  readonly target?: BenchTarget;
}

export interface BenchResult {
  readonly name: string;
  readonly figures: readonly BenchFigure[];
  /** What a reader needs to interpret the figures (sizes, conditions, checks that passed). */
  readonly notes: readonly string[];
  /** Peak resident set size of the benchmark's process (its own child process), in MiB. */
  readonly rssPeakMiB: number;
  readonly wallSeconds: number;
}

export interface TargetVerdict {
  /** "≥ 100,000 events/s" or "≥ 0.6× raw INSERT (3,210 appends/s)". */
  readonly target: string;
  /** measured / target value, or measured / baseline for relative targets. */
  readonly ratio: number;
  readonly met: boolean;
}

export function judge(figure: BenchFigure): TargetVerdict | null {
  const target = figure.target;
  if (target === undefined) return null;
  switch (target.kind) {
    case 'at-least':
      return { target: `≥ ${formatNumber(target.value)} ${figure.unit}`, ratio: figure.value / target.value, met: figure.value >= target.value };
    case 'ratio-at-least': {
      const ratio = target.baselineValue > 0 ? figure.value / target.baselineValue : Number.POSITIVE_INFINITY;
      return {
        target: `≥ ${target.ratio}× ${target.baseline} (${formatNumber(target.baselineValue)} ${figure.unit})`,
        ratio,
        met: ratio >= target.ratio,
      };
    }
    default:
      return assertNever(target);
  }
}

/**
 * A ratio with two decimals, rounded down, so that a ratio shown as meeting a target (0.60× for
 * ≥ 0.6×) really does: 0.5998 shows as 0.59×.
 */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return `${ratio}×`;
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}×`;
}

/** Thousands separators, no decimals above 100 (rates), two significant decimals below. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // Counts (events, requests) are whole: no decimals for them, however small.
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function assertNever(value: never): never {
  throw new Error(`Unknown target ${JSON.stringify(value)}`);
}
