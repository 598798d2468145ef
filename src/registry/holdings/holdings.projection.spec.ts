// The `holdings` read model against the batches it summarises (real PostgreSQL): after random
// command histories on several batches, every row holds exactly the units the batch stream gives
// that company, with the kilograms it retired, and emptied holdings are gone; the same when
// applied one event at a time (each movement read and written) and when rebuilt from position 0
// in one batch (many movements of one holding folded in memory).
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { eventStoreMigrations, EventStore, LogPosition, PostgresEventStore } from '@lib/event-store';
import { Money, newId, SerialRange } from '@lib/kernel';
import { ProjectionRunner, projectionsMigrations, rebuildProjection } from '@lib/projections';
import { createTestDatabase, runMigrations, TestDatabase } from '@test/support';
import { appendBatchHistory, batchCommandArb, HISTORY_COMPANIES, playBatch } from '../batches/batch-histories.fixtures';
import type { BatchCommand } from '../batches/batch.commands';
import { BUYER, LATER, NOW, OTHER } from '../batches/batch.fixtures';
import { CreateHoldings1767225603100 } from './holdings.migration';
import { holdingsProjection } from './holdings.projection';

interface HoldingRecord {
  heldKg: number;
  serials: SerialRange[];
  retiredKg: number;
  siteCode: string | null;
}

describe('holdings projection', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let eventStore: EventStore;
  /** `${companyId}/${batchId}` → what the batch stream says that company holds and retired. */
  const expected = new Map<string, HoldingRecord>();
  /** Holdings that received units and ended with none and nothing retired: their rows must be gone. */
  const emptied = new Set<string>();
  let last: LogPosition | null = null;

  beforeAll(async () => {
    database = await createTestDatabase('holdings_projection');
    await runMigrations(database.url, [...eventStoreMigrations, ...projectionsMigrations, CreateHoldings1767225603100]);
    dataSource = await new DataSource({ type: 'postgres', url: database.url, poolSize: 4 }).initialize();
    eventStore = new PostgresEventStore(database.url, { poolSize: 4 });
    const histories: BatchCommand[][] = fc.sample(fc.array(batchCommandArb, { minLength: 20, maxLength: 80 }), { numRuns: 8, seed: 7171 });
    // And one that surely empties a holding: bought, then all of it transferred away.
    histories.push([
      { type: 'ReserveCredits', data: { purchaseId: 'p-9', companyId: BUYER, quantityKg: 10, reservedUntil: LATER, now: NOW } },
      { type: 'SettlePurchase', data: { purchaseId: 'p-9', payment: { amount: Money.zero('USD'), receivedAt: NOW, bankRef: 'B' }, now: NOW } },
      { type: 'TransferCredits', data: { transferId: 't-9', fromCompanyId: BUYER, toCompanyId: OTHER, quantityKg: 10, now: NOW } },
    ]);
    for (const commands of histories) {
      const batchId = newId();
      const { events, state } = playBatch(batchId, commands);
      if (state.status !== 'issued') throw new Error('the batch was not issued');
      for (const companyId of HISTORY_COMPANIES) {
        const held = state.holdings.get(companyId);
        const retiredKg = events.reduce((sum, event) => sum + (event.type === 'CreditsRetired' && event.data.companyId === companyId ? event.data.quantityKg : 0), 0);
        const received = events.some((event) => (event.type === 'PurchaseSettled' && event.data.companyId === companyId) || (event.type === 'CreditsTransferred' && event.data.toCompanyId === companyId));
        if ((held === undefined || held.isEmpty()) && retiredKg === 0) {
          if (received) emptied.add(`${companyId}/${batchId}`);
          continue;
        }
        expected.set(`${companyId}/${batchId}`, { heldKg: held?.size ?? 0, serials: held?.toJSON() ?? [], retiredKg, siteCode: state.siteCode });
      }
      last = await appendBatchHistory(eventStore, batchId, events, 'holdings-projection');
    }
  });

  afterAll(async () => {
    await eventStore?.close();
    await dataSource?.destroy();
    await database?.drop();
  });

  async function rows(): Promise<Map<string, HoldingRecord>> {
    const found: Array<{ company_id: string; batch_id: string; held_kg: string; serials: SerialRange[]; retired_kg: string; site_code: string | null }> =
      await dataSource.query('SELECT company_id, batch_id, held_kg, serials, retired_kg, site_code FROM holdings');
    return new Map(found.map((row) => [`${row.company_id}/${row.batch_id}`, { heldKg: Number(row.held_kg), serials: row.serials, retiredKg: Number(row.retired_kg), siteCode: row.site_code }]));
  }

  async function follow(batchSize: number): Promise<void> {
    const runner = new ProjectionRunner({ projections: [holdingsProjection], dataSource, eventStore, batchSize });
    runner.start();
    try {
      expect(await runner.waitForPosition(last!, 30_000)).toBe(true);
    } finally {
      await runner.stop();
    }
  }

  it('Follow_WhenAppliedOneEventAtATime_ThenEveryRowIsWhatTheStreamGivesThatCompany', async () => {
    // One event per batch: every movement reads, then writes or deletes its row.
    await follow(1);
    const actual = await rows();
    expect(actual).toEqual(expected);
    // The sampled histories held units, retired part of some holdings and emptied others.
    const records = [...actual.values()];
    expect(records.some((record) => record.heldKg > 0 && record.retiredKg > 0)).toBe(true);
    expect(records.filter((record) => record.heldKg > 0).length).toBeGreaterThan(HISTORY_COMPANIES.length);
    expect(emptied.size).toBeGreaterThan(0);
  });

  it('Rebuild_WhenReplayedFromTheStartInOneLargeBatch_ThenTheSameRows', async () => {
    await rebuildProjection({ dataSource, eventStore, batchSize: 10_000 }, holdingsProjection);
    expect(await rows()).toEqual(expected);
  });
});
