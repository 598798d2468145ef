// The `batches` read model against the aggregate it summarises (real PostgreSQL): after random
// command sequences on several batches, every row equals the supply folded from the stream, when
// followed live in small batches and after a rebuild from position 0.
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { eventStoreMigrations, EventStore, LogPosition, PostgresEventStore } from '@lib/event-store';
import { newId } from '@lib/kernel';
import { ProjectionRunner, projectionsMigrations, rebuildProjection } from '@lib/projections';
import { createTestDatabase, runMigrations, TestDatabase } from '@test/support';
import { appendBatchHistory, batchCommandArb, playBatch } from '../batch-histories.fixtures';
import { batchViewOf, BatchView } from '../batch.view';
import { CreateBatches1767225602300 } from '../batches.migration';
import { BATCH_COLUMNS, BatchRow, batchViewOfRow } from './batch-rows';
import { batchesProjection } from './batches.projection';

describe('batches projection', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let eventStore: EventStore;
  const expected = new Map<string, BatchView>();
  let last: LogPosition | null = null;

  beforeAll(async () => {
    database = await createTestDatabase('batches_projection');
    await runMigrations(database.url, [...eventStoreMigrations, ...projectionsMigrations, CreateBatches1767225602300]);
    dataSource = await new DataSource({ type: 'postgres', url: database.url, poolSize: 4 }).initialize();
    eventStore = new PostgresEventStore(database.url, { poolSize: 4 });
    const histories = fc.sample(fc.array(batchCommandArb, { minLength: 10, maxLength: 60 }), { numRuns: 8, seed: 4242 });
    for (const commands of histories) {
      const batchId = newId();
      const { events, state } = playBatch(batchId, commands);
      if (state.status !== 'issued') throw new Error('the batch was not issued');
      expected.set(batchId, batchViewOf(state));
      last = await appendBatchHistory(eventStore, batchId, events, 'batches-projection');
    }
  });

  afterAll(async () => {
    await eventStore?.close();
    await dataSource?.destroy();
    await database?.drop();
  });

  async function rows(): Promise<Map<string, BatchView>> {
    const found: BatchRow[] = await dataSource.query(`SELECT ${BATCH_COLUMNS} FROM batches`);
    return new Map(found.map((row) => [row.id, batchViewOfRow(row)]));
  }

  it('Follow_WhenAppliedInSmallBatches_ThenEveryRowEqualsTheSupplyOfItsStream', async () => {
    const runner = new ProjectionRunner({ projections: [batchesProjection], dataSource, eventStore, batchSize: 7 });
    runner.start();
    try {
      expect(await runner.waitForPosition(last!, 30_000)).toBe(true);
    } finally {
      await runner.stop();
    }
    const actual = await rows();
    expect(actual).toEqual(expected);
    // The sampled histories moved units into every place a unit can be, and repriced.
    const views = [...actual.values()];
    for (const place of ['availableKg', 'reservedKg', 'heldKg', 'retiredKg', 'cancelledKg'] as const) {
      expect({ place, moved: views.some((view) => view[place] > 0 && view[place] < view.issuedKg) }).toEqual({ place, moved: true });
    }
    expect(views.some((view) => view.pricePerTonne.value !== 480000)).toBe(true);
    for (const view of actual.values()) {
      expect(view.availableKg + view.reservedKg + view.heldKg + view.retiredKg + view.cancelledKg).toBe(view.issuedKg);
    }
  });

  it('Rebuild_WhenReplayedFromTheStart_ThenTheSameRows', async () => {
    await rebuildProjection({ dataSource, eventStore }, batchesProjection);
    expect(await rows()).toEqual(expected);
  });
});
