// Single-event appends with 1, 8 and 16 concurrent writers on distinct streams (DESIGN §3.3):
// ours against a raw single-row INSERT of the same row (the limit) and emmett-postgresql (a peer).
// Targets: ours ≥ 0.6× raw INSERT and ≥ 1.0× emmett, at each level.
import { benchEventJsonBytes } from '../support/bench-events';
import type { BenchFigure } from '../support/bench-result';
import type { Benchmark } from '../support/benchmark';
import { compareAppendTargets, writersLabel } from './append-comparison';
import { formatAppendLevels } from './append-tables';

export const singleAppendBenchmark: Benchmark = {
  name: 'event-store.single-append',
  title: 'single-event appends, N writers on their own streams, vs raw INSERT and emmett-postgresql',
  async run(context) {
    const { config } = context;
    context.print(`${this.title}\n  ${benchEventJsonBytes()} bytes of JSON per event; ${config.appendSeconds}s per system in ${config.appendSliceMs} ms turns\n`);
    const levels = await compareAppendTargets(
      {
        tag: 'single_append',
        shape: { eventsPerAppend: 1, appendsPerStream: config.eventsPerStream },
        writerLevels: config.appendWriters,
        measuredSeconds: config.appendSeconds,
        sliceMs: config.appendSliceMs,
      },
      context,
    );
    context.print(`\n${formatAppendLevels(levels, false)}\n`);
    context.note('pool size = writers for every system; one append = one event with the expected revision of the previous one');

    const figures: BenchFigure[] = [];
    for (const level of levels) {
      const label = `single appends, ${writersLabel(level.writers)}`;
      const value = level.tallies.ours.operationsPerSecond;
      figures.push({ label, value, unit: 'appends/s', target: { kind: 'ratio-at-least', ratio: 0.6, baseline: 'raw INSERT', baselineValue: level.tallies.raw.operationsPerSecond } });
      figures.push({ label, value, unit: 'appends/s', target: { kind: 'ratio-at-least', ratio: 1.0, baseline: 'emmett', baselineValue: level.tallies.emmett.operationsPerSecond } });
    }
    return figures;
  },
};
