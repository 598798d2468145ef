// The detail table of an append comparison: one row per level and system, with ratios to the
// raw INSERT (the limit) and to emmett (the peer).
import { Cell, formatTable } from '../support/bench-report';
import { formatRatio } from '../support/bench-result';
import { LevelFigures, TARGET_KINDS, TargetKind, writersLabel } from './append-comparison';

export function formatAppendLevels(levels: readonly LevelFigures[], withEvents: boolean): string {
  const rows: Cell[][] = [];
  for (const level of levels) {
    const rate = (kind: TargetKind): number => (withEvents ? level.tallies[kind].itemsPerSecond : level.tallies[kind].operationsPerSecond);
    for (const kind of TARGET_KINDS) {
      const tally = level.tallies[kind];
      // Slice rates count events; with one event per append that is appends/s too.
      const [low, high] = tally.sliceRateQuartiles();
      rows.push([
        `${writersLabel(level.writers)}, ${level.labels[kind]}`,
        rate(kind),
        `${formatNumber(low)}–${formatNumber(high)}`,
        tally.latencyMs(0.5).toFixed(2),
        tally.latencyMs(0.99).toFixed(2),
        formatRatio(rate(kind) / rate('raw')),
        formatRatio(rate(kind) / rate('emmett')),
      ]);
    }
  }
  const unit = withEvents ? 'events/s' : 'appends/s';
  return formatTable(['system', unit, 'slices p25–p75', 'p50 ms', 'p99 ms', 'vs raw', 'vs emmett'], rows);
}

function formatNumber(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
