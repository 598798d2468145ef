// Runs the three append targets side by side at each level of concurrency, in one database and
// over one pool per level (same size, same settings for all): a warm-up each, then short slices in
// turn (raw, ours, emmett, then rotated) until each has had its measured time. Checks afterwards
// that each target stored exactly the events it reported.
import type { Pool } from 'pg';
import { eventStoreMigrations } from '@lib/event-store';
import { openBenchDatabase, openBenchPool, vacuumAnalyze } from '../support/bench-database';
import { sampleEvents } from '../support/bench-events';
import type { BenchContext } from '../support/benchmark';
import { formatNumber } from '../support/bench-result';
import { rotated, runWriters } from '../support/concurrent-writers';
import { SliceTally } from '../support/slice-tally';
import { AppendShape, AppendTarget } from './append-target';
import { EmmettAppends } from './emmett-appends';
import { EventStoreAppends } from './event-store-appends';
import { RawInsertAppends } from './raw-insert-appends';

export type TargetKind = 'raw' | 'ours' | 'emmett';

export const TARGET_KINDS: readonly TargetKind[] = ['raw', 'ours', 'emmett'];

export interface LevelFigures {
  readonly writers: number;
  readonly labels: Readonly<Record<TargetKind, string>>;
  readonly tallies: Readonly<Record<TargetKind, SliceTally>>;
}

export interface AppendComparisonOptions {
  readonly tag: string;
  readonly shape: AppendShape;
  readonly writerLevels: readonly number[];
  /** Measured time of each target at each level. */
  readonly measuredSeconds: number;
  /** Length of one turn. Short enough that each target sees the same noise, long enough to hold many appends. */
  readonly sliceMs: number;
}

/** Distinct sample events the writers cycle through (made once, outside the measured slices). */
const MIN_SAMPLE_EVENTS = 1_000;

async function createTargets(url: string, pool: Pool, shape: AppendShape): Promise<Record<TargetKind, AppendTarget>> {
  const samples = sampleEvents(Math.max(MIN_SAMPLE_EVENTS, shape.eventsPerAppend));
  return {
    raw: await RawInsertAppends.create(pool, shape, samples),
    ours: new EventStoreAppends(pool, shape, samples),
    emmett: await EmmettAppends.create(url, pool, shape, samples),
  };
}

export function writersLabel(writers: number): string {
  return `${writers} writer${writers === 1 ? '' : 's'}`;
}

function describeTally(tally: SliceTally, shape: AppendShape): string {
  const events = shape.eventsPerAppend > 1 ? `, ${formatNumber(tally.itemsPerSecond)} events/s` : '';
  return (
    `${formatNumber(tally.operationsPerSecond)} appends/s${events} over ${tally.slices} slices (${tally.seconds.toFixed(1)} s), ` +
    `p50 ${tally.latencyMs(0.5).toFixed(2)} ms, p99 ${tally.latencyMs(0.99).toFixed(2)} ms`
  );
}

async function measureLevel(url: string, writers: number, options: AppendComparisonOptions, context: BenchContext): Promise<LevelFigures> {
  const pool = await openBenchPool(url, writers);
  try {
    const targets = await createTargets(url, pool, options.shape);
    const storedBefore = new Map<TargetKind, number>();
    for (const kind of TARGET_KINDS) storedBefore.set(kind, await targets[kind].storedEvents());

    const writersOf = (kind: TargetKind, phase: string) => Array.from({ length: writers }, (_, index) => targets[kind].writer(phase, index));
    for (const kind of TARGET_KINDS) await runWriters(writersOf(kind, `${writers}-warm`), context.config.warmupSeconds * 1_000);
    await vacuumAnalyze(pool, TARGET_KINDS.flatMap((kind) => targets[kind].tables));

    // Each target keeps its writers (and so its streams and revisions) from one slice to the next.
    const measured = { raw: writersOf('raw', `${writers}-m`), ours: writersOf('ours', `${writers}-m`), emmett: writersOf('emmett', `${writers}-m`) };
    const tallies: Record<TargetKind, SliceTally> = { raw: new SliceTally(), ours: new SliceTally(), emmett: new SliceTally() };
    const turns = Math.max(1, Math.round((options.measuredSeconds * 1_000) / options.sliceMs));
    for (let turn = 0; turn < turns; turn += 1) {
      for (const kind of rotated(TARGET_KINDS, turn)) tallies[kind].add(await runWriters(measured[kind], options.sliceMs));
    }
    for (const kind of TARGET_KINDS) context.print(`  ${writersLabel(writers).padEnd(10)}  ${targets[kind].label.padEnd(26)} ${describeTally(tallies[kind], options.shape)}`);

    for (const kind of TARGET_KINDS) {
      const stored = (await targets[kind].storedEvents()) - (storedBefore.get(kind) ?? 0);
      if (stored !== targets[kind].appended) {
        throw new Error(`${targets[kind].label} reported ${targets[kind].appended} events appended at ${writers} writers but stored ${stored}`);
      }
      await targets[kind].close();
    }
    return { writers, labels: { raw: targets.raw.label, ours: targets.ours.label, emmett: targets.emmett.label }, tallies };
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
