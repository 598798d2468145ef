// 1,000-event batch appends (DESIGN §3.3: batched appends use multi-row inserts): events/s of ours
// at each level of writers, against one multi-row INSERT of the same rows (the limit) and
// emmett-postgresql's batch append (a peer). Target: ≥ 100,000 events/s.
import { benchEventJsonBytes } from '../support/bench-events';
import type { BenchFigure } from '../support/bench-result';
import type { Benchmark } from '../support/benchmark';
import { compareAppendTargets, writersLabel } from './append-comparison';
import { formatAppendLevels } from './append-tables';

/** A bulk import appends a few batches to each stream: exercises the exact expected revision, too. */
const BATCHES_PER_STREAM = 5;

export const batchAppendBenchmark: Benchmark = {
  name: 'event-store.batch-append',
  title: 'batch appends, N writers, vs one multi-row raw INSERT and emmett-postgresql',
  async run(context) {
    const { config } = context;
    context.print(
      `${this.title}\n  ${config.batchSize} events per append, ${benchEventJsonBytes()} bytes of JSON per event; ${config.batchSeconds}s per system in ${config.batchSliceMs} ms turns\n`,
    );
    const levels = await compareAppendTargets(
      {
        tag: 'batch_append',
        shape: { eventsPerAppend: config.batchSize, appendsPerStream: BATCHES_PER_STREAM },
        writerLevels: config.batchWriters,
        measuredSeconds: config.batchSeconds,
        sliceMs: config.batchSliceMs,
      },
      context,
    );
    context.print(`\n${formatAppendLevels(levels, true)}\n`);
    context.note(`${config.batchSize}-event appends, ${BATCHES_PER_STREAM} per stream; pool size = writers for every system`);

    return levels.map(
      (level): BenchFigure => ({
        label: `${config.batchSize}-event appends, ${writersLabel(level.writers)}`,
        value: level.tallies.ours.itemsPerSecond,
        unit: 'events/s',
        target: { kind: 'at-least', value: 100_000 },
      }),
    );
  },
};
