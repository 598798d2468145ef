// The sale proceeds reactor's loop on real PostgreSQL (checkpoint, single-active lock) over an
// in-memory log, with a recording `credit` in place of the funding pools: settlements piled up are
// credited together and only settlements reach `credit`; a failed run is retried whole after the
// back-off and nothing after it is skipped; the checkpoint it leaves lets a restart continue
// without handing an already credited settlement over again.
import { DataSource } from 'typeorm';
import { EventMetadata, InMemoryEventStore, LogPosition, RecordedEvent } from '@lib/event-store';
import { newId } from '@lib/kernel';
import { projectionsMigrations } from '@lib/projections';
import { createTestDatabase, runMigrations, TestDatabase } from '@test/support';
import pino from 'pino';
import { ProceedsReactor } from './proceeds-reactor';

const metadata: EventMetadata = { actorKeyId: null, actorRole: 'finance', companyId: null, correlationId: 'reactor-spec', causationId: null, occurredAt: '2026-03-10T12:00:00.000Z' };
const WAIT_MS = 10_000;

/** `credit` as the reactor sees it: records each run, fails the runs it is told to. */
class RecordingCredit {
  readonly runs: string[][] = [];
  readonly credited = new Set<string>();
  private failuresLeft = 0;

  failNext(times: number): void {
    this.failuresLeft = times;
  }

  readonly credit = async (settlements: readonly RecordedEvent[]): Promise<void> => {
    const purchases = settlements.map((event) => (event.data as { purchaseId: string }).purchaseId);
    this.runs.push(purchases);
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('the pools are unreachable');
    }
    for (const purchase of purchases) this.credited.add(purchase);
  };
}

describe('ProceedsReactor', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const store = new InMemoryEventStore();

  async function settle(count: number): Promise<{ purchases: string[]; last: LogPosition }> {
    const purchases: string[] = [];
    let last: LogPosition | null = null;
    for (let index = 0; index < count; index += 1) {
      const purchaseId = newId();
      purchases.push(purchaseId);
      const batch = `batch-${newId()}`;
      // A reservation (not a settlement: never credited) before each settlement.
      await store.append(batch, [{ eventId: newId(), type: 'CreditsReserved', data: { purchaseId }, metadata }], 'no_stream');
      last = (await store.append(batch, [{ eventId: newId(), type: 'PurchaseSettled', data: { purchaseId }, metadata }], 0)).position;
    }
    if (last === null) throw new Error('nothing settled');
    return { purchases, last };
  }

  function reactorWith(recording: RecordingCredit): ProceedsReactor {
    return new ProceedsReactor({ dataSource, eventStore: store, credit: recording.credit, logger: pino({ level: 'silent' }), lockRetryMs: 50 });
  }

  beforeAll(async () => {
    database = await createTestDatabase('proceeds_reactor');
    await runMigrations(database.url, projectionsMigrations);
    dataSource = await new DataSource({ type: 'postgres', url: database.url, poolSize: 4 }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('follow_WhenSettlementsPiledUpAndARunFails_ThenCreditedTogetherRetriedWholeAndNoneSkipped', async () => {
    const first = await settle(30);
    const recording = new RecordingCredit();
    recording.failNext(1);
    const reactor = reactorWith(recording);
    reactor.start();
    try {
      expect(await reactor.waitUntilProcessed(first.last, WAIT_MS)).toBe(true);
      // The failed run was handed over again, whole, and only settlements ever were.
      expect(recording.runs.length).toBeGreaterThanOrEqual(2);
      expect(recording.runs[1].slice(0, recording.runs[0].length)).toEqual(recording.runs[0]);
      expect([...recording.credited].sort()).toEqual([...first.purchases].sort());
      expect(recording.runs.flat().every((purchase) => first.purchases.includes(purchase))).toBe(true);
      // Piled up: far fewer runs than settlements.
      expect(recording.runs.length).toBeLessThan(first.purchases.length);
      expect(reactor.status()).toEqual(expect.objectContaining({ running: true, credited: 30, lastError: null }));
    } finally {
      await reactor.stop();
    }

    // A restart continues from the checkpoint saved on stop: the first settlements are not handed over again.
    const later = await settle(5);
    const again = new RecordingCredit();
    const restarted = reactorWith(again);
    restarted.start();
    try {
      expect(await restarted.waitUntilProcessed(later.last, WAIT_MS)).toBe(true);
      expect([...again.credited].sort()).toEqual([...later.purchases].sort());
      expect(again.runs.flat().some((purchase) => first.purchases.includes(purchase))).toBe(false);
    } finally {
      await restarted.stop();
    }
  });
});
