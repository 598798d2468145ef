// readAll from position 0 over a 1,000,000-event log (DESIGN §3.3), paging with readAll(after,
// limit) as a catch-up subscriber does, against a raw keyset-paged SELECT of the same columns.
// Target: ≥ 200,000 events/s.
import { eventStoreMigrations, PostgresEventStore } from '@lib/event-store';
import { openBenchPool } from '../support/bench-database';
import { openBenchLog } from '../support/bench-log';
import { Cell, formatTable } from '../support/bench-report';
import type { BenchFigure } from '../support/bench-result';
import type { Benchmark } from '../support/benchmark';
import { median, rotated } from '../support/concurrent-writers';
import { rawReadPass, ReadPass, readAllPass } from './read-passes';

type Reader = 'raw' | 'ours';

export const readAllBenchmark: Benchmark = {
  name: 'event-store.read-all',
  title: 'readAll from position 0, page by page, vs a raw keyset-paged SELECT',
  async run(context) {
    const { config } = context;
    context.print(this.title);
    const log = await openBenchLog('read_all', eventStoreMigrations, context);
    const store = new PostgresEventStore(log.database.url, { poolSize: 1 });
    const pool = openBenchPool(log.database.url, 1);
    try {
      const passes: Record<Reader, (limit: number) => Promise<ReadPass>> = { raw: (limit) => rawReadPass(pool, limit), ours: (limit) => readAllPass(store, limit) };
      const rows: Cell[][] = [];
      const figures: BenchFigure[] = [];
      for (const limit of config.readLimits) {
        // Warm-up: one pass each brings the table into the OS cache and prepares the statements.
        for (const reader of ['raw', 'ours'] as const) await passes[reader](limit);
        const rates: Record<Reader, number[]> = { raw: [], ours: [] };
        for (let round = 0; round < config.rounds; round += 1) {
          for (const reader of rotated(['raw', 'ours'] as const, round)) {
            const result = await passes[reader](limit);
            if (result.events !== log.events) throw new Error(`${reader} read ${result.events} events of ${log.events}`);
            rates[reader].push(result.eventsPerSecond);
            context.print(`  limit ${limit}  ${reader.padEnd(4)} round ${round + 1}: ${Math.round(result.eventsPerSecond).toLocaleString('en-US')} events/s (${result.seconds.toFixed(2)} s)`);
          }
        }
        const ours = median(rates.ours);
        const raw = median(rates.raw);
        rows.push([`limit ${limit}, raw SELECT`, raw, '1.00×'], [`limit ${limit}, ours (readAll)`, ours, `${(ours / raw).toFixed(2)}×`]);
        figures.push({ label: `readAll of ${log.events.toLocaleString('en-US')} events, limit ${limit}`, value: ours, unit: 'events/s', target: { kind: 'at-least', value: 200_000 } });
      }
      context.print(`\n${formatTable(['reader', 'median events/s', 'vs raw'], rows)}\n`);
      context.note('every pass returned every event exactly once, in strictly increasing log positions');
      return figures;
    } finally {
      await store.close();
      await pool.end();
      await log.database.drop();
    }
  },
};
