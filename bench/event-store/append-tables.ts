// The detail table of an append comparison: one row per level and system, with ratios to the
// raw INSERT (the limit) and to emmett (the peer).
import { Cell, formatTable } from '../support/bench-report';
import { LevelFigures, TargetKind, writersLabel } from './append-comparison';

const ORDER: readonly TargetKind[] = ['raw', 'ours', 'emmett'];

export function formatAppendLevels(levels: readonly LevelFigures[], withEvents: boolean): string {
  const rows: Cell[][] = [];
  for (const level of levels) {
    for (const kind of ORDER) {
      const figures = level.targets[kind];
      const rates = figures.samples.map((sample) => (withEvents ? sample.itemsPerSecond : sample.operationsPerSecond));
      const value = withEvents ? figures.eventsPerSecond : figures.appendsPerSecond;
      const ratioTo = (other: TargetKind): string => {
        const base = withEvents ? level.targets[other].eventsPerSecond : level.targets[other].appendsPerSecond;
        return `${(value / base).toFixed(2)}×`;
      };
      rows.push([
        `${writersLabel(level.writers)}, ${figures.label}`,
        value,
        `${Math.round(Math.min(...rates)).toLocaleString('en-US')}–${Math.round(Math.max(...rates)).toLocaleString('en-US')}`,
        figures.latencyP50Ms.toFixed(2),
        figures.latencyP99Ms.toFixed(2),
        ratioTo('raw'),
        ratioTo('emmett'),
      ]);
    }
  }
  const unit = withEvents ? 'events/s' : 'appends/s';
  return formatTable([`system`, `median ${unit}`, 'rounds (min–max)', 'p50 ms', 'p99 ms', 'vs raw', 'vs emmett'], rows);
}
