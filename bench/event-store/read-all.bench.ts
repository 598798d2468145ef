// readAll from position 0 over a 1,000,000-event log (DESIGN §3.3), paging with readAll(after,
// limit) as a catch-up subscriber does, against a raw keyset-paged SELECT of the same columns.
// Both walk the log at once, taking turns every ~20,000 events, so the machine's other load falls
// on both alike. Target: ≥ 200,000 events/s.
import { performance } from 'perf_hooks';
import type { Pool } from 'pg';
import { eventStoreMigrations, PostgresEventStore } from '@lib/event-store';
import { openBenchPool } from '../support/bench-database';
import { openBenchLog } from '../support/bench-log';
import { Cell, formatTable } from '../support/bench-report';
import { BenchFigure, formatNumber, formatRatio } from '../support/bench-result';
import type { Benchmark } from '../support/benchmark';
import { rotated } from '../support/concurrent-writers';
import { SliceTally } from '../support/slice-tally';
import { EventStoreReader, LogReader, RawSelectReader, readWholeLog } from './read-passes';

/** Events a reader reads in one turn before the other reader's turn. */
const EVENTS_PER_TURN = 20_000;

/** `passes` interleaved passes of each reader; throws unless each pass read the whole log. */
async function interleavedPasses(readers: readonly LogReader[], limit: number, passes: number, logEvents: number): Promise<SliceTally[]> {
  const tallies = readers.map(() => new SliceTally());
  const pagesPerTurn = Math.max(1, Math.round(EVENTS_PER_TURN / limit));
  for (let pass = 0; pass < passes; pass += 1) {
    const done = readers.map(() => false);
    for (let turn = 0; done.some((isDone) => !isDone); turn += 1) {
      for (const index of rotated(readers.map((_, i) => i), turn)) {
        if (done[index]) continue;
        const startedMs = performance.now();
        let events = 0;
        let pages = 0;
        while (pages < pagesPerTurn && !done[index]) {
          const page = await readers[index].nextPage();
          events += page.events;
          pages += 1;
          done[index] = page.passDone;
        }
        tallies[index].add({ operations: pages, items: events, elapsedMs: performance.now() - startedMs });
      }
    }
    for (const reader of readers) {
      if (reader.lastPassEvents !== logEvents) throw new Error(`${reader.label} read ${reader.lastPassEvents} events of ${logEvents}`);
    }
  }
  return tallies;
}

export const readAllBenchmark: Benchmark = {
  name: 'event-store.read-all',
  title: 'readAll from position 0, page by page, vs a raw keyset-paged SELECT (taking turns)',
  async run(context) {
    const { config } = context;
    context.print(this.title);
    const log = await openBenchLog('read_all', eventStoreMigrations, context);
    const pools: Pool[] = [];
    let store: PostgresEventStore | null = null;
    try {
      // One connection each, opened up front; the store reads through a pool it does not own.
      const pool = await openBenchPool(log.database.url, 1);
      pools.push(pool);
      const storePool = await openBenchPool(log.database.url, 1);
      pools.push(storePool);
      store = new PostgresEventStore(storePool);
      const rows: Cell[][] = [];
      const figures: BenchFigure[] = [];
      for (const limit of config.readLimits) {
        const readers = [new RawSelectReader(pool, limit), new EventStoreReader(store, limit)];
        // Warm-up: one pass each brings the table into the OS cache and prepares the statements.
        for (const reader of readers) await readWholeLog(reader);
        const [raw, ours] = await interleavedPasses(readers, limit, config.readPasses, log.events);
        for (const [reader, tally] of [[readers[0], raw], [readers[1], ours]] as const) {
          const [low, high] = tally.sliceRateQuartiles();
          context.print(`  limit ${limit}  ${reader.label.padEnd(14)} ${formatNumber(tally.itemsPerSecond)} events/s over ${config.readPasses} passes (${tally.seconds.toFixed(1)} s; turns p25–p75 ${formatNumber(low)}–${formatNumber(high)})`);
        }
        rows.push([`limit ${limit}, raw SELECT`, raw.itemsPerSecond, '1.00×'], [`limit ${limit}, ours (readAll)`, ours.itemsPerSecond, formatRatio(ours.itemsPerSecond / raw.itemsPerSecond)]);
        figures.push({ label: `readAll of ${formatNumber(log.events)} events, limit ${limit}`, value: ours.itemsPerSecond, unit: 'events/s', target: { kind: 'at-least', value: 200_000 } });
      }
      context.print(`\n${formatTable(['reader', 'events/s', 'vs raw'], rows)}\n`);
      context.note('every pass of each reader returned every event exactly once, in strictly increasing log positions');
      return figures;
    } finally {
      await store?.close();
      for (const pool of pools) await pool.end();
      await log.database.drop();
    }
  },
};
