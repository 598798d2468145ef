// The `batches` read model against the aggregate it summarises (real PostgreSQL): after random
// command sequences on several batches, every row equals the supply folded from the stream, when
// followed live in small batches and after a rebuild from position 0.
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { eventStoreMigrations, EventStore, LogPosition, PostgresEventStore } from '@lib/event-store';
import { isDomainError, Money, newId } from '@lib/kernel';
import { ProjectionRunner, projectionsMigrations, rebuildProjection } from '@lib/projections';
import { createTestDatabase, runMigrations, TestDatabase } from '@test/support';
import type * as C from '../batch.commands';
import { batchDecider } from '../batch.decider';
import { batchStreamId } from '../batch.events';
import { issueCommand, LATER, NOW } from '../batch.fixtures';
import { BatchState } from '../batch.state';
import { batchViewOf, BatchView } from '../batch.view';
import { CreateBatches1767225602300 } from '../batches.migration';
import { BATCH_COLUMNS, BatchRow, batchViewOfRow } from './batch-rows';
import { batchesProjection } from './batches.projection';

const COMPANIES = ['c-1', 'c-2'];
const kg = fc.integer({ min: 1, max: 300 });
const purchase = fc.integer({ min: 0, max: 5 }).map((n) => `p-${n}`);

/**
 * Every batch command, with ids drawn from small sets so later commands meet earlier ones, and
 * weights that keep units flowing towards holdings and retirements rather than being withdrawn.
 */
const commandArb: fc.Arbitrary<C.BatchCommand> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ p: purchase, c: fc.constantFrom(...COMPANIES), kg }).map(({ p, c, kg: q }) => ({
      type: 'ReserveCredits' as const, data: { purchaseId: p, companyId: c, quantityKg: q, reservedUntil: LATER, now: NOW },
    })),
  },
  {
    weight: 4,
    arbitrary: purchase.map((p) => ({ type: 'SettlePurchase' as const, data: { purchaseId: p, payment: { amount: Money.zero('USD'), receivedAt: NOW, bankRef: 'B' }, now: NOW } })),
  },
  { weight: 1, arbitrary: purchase.map((p) => ({ type: 'CancelPurchase' as const, data: { purchaseId: p, now: NOW } })) },
  { weight: 1, arbitrary: purchase.map((p) => ({ type: 'ExpireReservation' as const, data: { purchaseId: p, now: LATER } })) },
  {
    weight: 2,
    arbitrary: fc.record({ id: fc.nat(3), kg }).map(({ id, kg: q }) => ({
      type: 'TransferCredits' as const, data: { transferId: `t-${id}`, fromCompanyId: 'c-1', toCompanyId: 'c-2', quantityKg: q, now: NOW },
    })),
  },
  {
    weight: 3,
    arbitrary: fc.record({ id: fc.nat(3), c: fc.constantFrom(...COMPANIES), kg: fc.integer({ min: 1, max: 100 }) }).map(({ id, c, kg: q }) => ({
      type: 'RetireCredits' as const, data: { retirementId: `r-${id}`, companyId: c, quantityKg: q, claimYear: 2024, beneficiary: { name: 'B' }, purpose: 'claim', now: NOW },
    })),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }).map((q) => ({ type: 'CancelUnits' as const, data: { quantityKg: q, reason: 'correction', now: NOW } })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 9000 }).map((dollars) => ({ type: 'RepriceBatch' as const, data: { pricePerTonne: Money.of('USD', dollars * 100), now: NOW } })),
  },
);

/** Runs the commands from issuance on, paying settlements their exact invoice; refused commands are skipped. */
function play(batchId: string, commands: readonly C.BatchCommand[]): { events: ReturnType<typeof batchDecider.decide>; state: BatchState } {
  const issue = issueCommand(1000);
  let state = batchDecider.initialState();
  const events: ReturnType<typeof batchDecider.decide> = [];
  for (const command of [{ ...issue, data: { ...issue.data, batchId } }, ...commands]) {
    let decided = command;
    if (command.type === 'SettlePurchase' && state.status === 'issued') {
      const reservation = state.reservations.get(command.data.purchaseId);
      if (reservation !== undefined) decided = { ...command, data: { ...command.data, payment: { ...command.data.payment, amount: reservation.amount } } };
    }
    try {
      for (const event of batchDecider.decide(decided, state)) {
        events.push(event);
        state = batchDecider.evolve(state, event);
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  }
  return { events, state };
}

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
    const histories = fc.sample(fc.array(commandArb, { minLength: 10, maxLength: 60 }), { numRuns: 8, seed: 4242 });
    for (const commands of histories) {
      const batchId = newId();
      const { events, state } = play(batchId, commands);
      if (state.status !== 'issued') throw new Error('the batch was not issued');
      expected.set(batchId, batchViewOf(state));
      const metadata = { actorKeyId: null, actorRole: 'operator', companyId: null, correlationId: 'batches-projection', causationId: null, occurredAt: NOW };
      // A few events per append, as commands append them.
      for (let i = 0; i < events.length; i += 3) {
        const chunk = events.slice(i, i + 3).map((event) => ({ ...event, metadata }));
        last = (await eventStore.append(batchStreamId(batchId), chunk, i === 0 ? 'no_stream' : i - 1)).position;
      }
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
