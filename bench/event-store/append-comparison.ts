// Runs the three append targets side by side at each level of concurrency, in one database and
// over one pool per level (same size, same settings for all): a warm-up each, then rounds whose
// order rotates, reporting the median round. Checks afterwards that each target stored exactly
// the events it reported.
import { eventStoreMigrations } from '@lib/event-store';
import { openBenchDatabase, openBenchPool, vacuumAnalyze } from '../support/bench-database';
import type { BenchContext } from '../support/benchmark';
import { formatNumber } from '../support/bench-result';
import { median, rotated, runWriters, WriterBudget, WriterSample } from '../support/concurrent-writers';
import { AppendShape, AppendTarget } from './append-target';
import { EmmettAppends } from './emmett-appends';
import { EventStoreAppends } from './event-store-appends';
import { RawInsertAppends } from './raw-insert-appends';

export type TargetKind = 'raw' | 'ours' | 'emmett';

export interface TargetFigures {
  readonly kind: TargetKind;
  readonly label: string;
  readonly samples: readonly WriterSample[];
  /** Medians over the rounds. */
  readonly appendsPerSecond: number;
  readonly eventsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
}

export interface LevelFigures {
  readonly writers: number;
  readonly targets: Readonly<Record<TargetKind, TargetFigures>>;
}

export interface AppendComparisonOptions {
  readonly tag: string;
  readonly shape: AppendShape;
  readonly writerLevels: readonly number[];
  /** Budget of one measured round of one target. */
  readonly round: WriterBudget;
}

async function createTargets(url: string, pool: ReturnType<typeof openBenchPool>, shape: AppendShape): Promise<Record<TargetKind, AppendTarget>> {
  return {
    raw: await RawInsertAppends.create(pool, shape),
    ours: new EventStoreAppends(pool, shape),
    emmett: await EmmettAppends.create(url, pool, shape),
  };
}

export function writersLabel(writers: number): string {
  return `${writers} writer${writers === 1 ? '' : 's'}`;
}

function describeSample(sample: WriterSample, shape: AppendShape): string {
  const events = shape.eventsPerAppend > 1 ? `, ${formatNumber(sample.itemsPerSecond)} events/s` : '';
  return (
    `${formatNumber(sample.operationsPerSecond)} appends/s${events} (${sample.operations} appends in ${(sample.elapsedMs / 1_000).toFixed(1)} s), ` +
    `p50 ${sample.latencyP50Ms.toFixed(2)} ms, p99 ${sample.latencyP99Ms.toFixed(2)} ms`
  );
}

function summarise(kind: TargetKind, label: string, samples: WriterSample[]): TargetFigures {
  return {
    kind,
    label,
    samples,
    appendsPerSecond: median(samples.map((sample) => sample.operationsPerSecond)),
    eventsPerSecond: median(samples.map((sample) => sample.itemsPerSecond)),
    latencyP50Ms: median(samples.map((sample) => sample.latencyP50Ms)),
    latencyP99Ms: median(samples.map((sample) => sample.latencyP99Ms)),
  };
}

async function measureLevel(url: string, writers: number, options: AppendComparisonOptions, context: BenchContext): Promise<LevelFigures> {
  const { config } = context;
  const pool = openBenchPool(url, writers);
  try {
    const targets = await createTargets(url, pool, options.shape);
    const kinds = Object.keys(targets) as TargetKind[];
    const storedBefore = new Map<TargetKind, number>();
    for (const kind of kinds) storedBefore.set(kind, await targets[kind].storedEvents());

    const writersOf = (kind: TargetKind, phase: string) => Array.from({ length: writers }, (_, index) => targets[kind].writer(phase, index));
    for (const kind of kinds) await runWriters(writersOf(kind, `${writers}-warm`), { durationMs: config.warmupSeconds * 1_000 });
    await vacuumAnalyze(pool, kinds.flatMap((kind) => targets[kind].tables));

    const samples: Record<TargetKind, WriterSample[]> = { raw: [], ours: [], emmett: [] };
    for (let round = 0; round < config.rounds; round += 1) {
      for (const kind of rotated(kinds, round)) {
        const sample = await runWriters(writersOf(kind, `${writers}-r${round}`), options.round);
        samples[kind].push(sample);
        context.print(`  ${writersLabel(writers).padEnd(10)}  ${targets[kind].label.padEnd(26)} round ${round + 1}: ${describeSample(sample, options.shape)}`);
      }
    }

    for (const kind of kinds) {
      const stored = (await targets[kind].storedEvents()) - (storedBefore.get(kind) ?? 0);
      if (stored !== targets[kind].appended) {
        throw new Error(`${targets[kind].label} reported ${targets[kind].appended} events appended at ${writers} writers but stored ${stored}`);
      }
      await targets[kind].close();
    }
    return {
      writers,
      targets: {
        raw: summarise('raw', targets.raw.label, samples.raw),
        ours: summarise('ours', targets.ours.label, samples.ours),
        emmett: summarise('emmett', targets.emmett.label, samples.emmett),
      },
    };
  } finally {
    await pool.end();
  }
}

export async function compareAppendTargets(options: AppendComparisonOptions, context: BenchContext): Promise<LevelFigures[]> {
  const database = await openBenchDatabase(options.tag, eventStoreMigrations);
  try {
    const levels: LevelFigures[] = [];
    for (const writers of options.writerLevels) levels.push(await measureLevel(database.url, writers, options, context));
    context.note('every target stored exactly the events it reported appending (row counts checked)');
    return levels;
  } finally {
    await database.drop();
  }
}
