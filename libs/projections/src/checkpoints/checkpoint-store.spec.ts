// Checkpoints against the real PostgreSQL: saved only with the caller's transaction, exact 64-bit positions.
import { DataSource } from 'typeorm';
import { createTestDatabase, runMigrations, TestDatabase } from '@test/support';
import { CheckpointStore, projectionsMigrations } from '@lib/projections';

describe('CheckpointStore', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let checkpoints: CheckpointStore;

  beforeAll(async () => {
    database = await createTestDatabase('checkpoints');
    await runMigrations(database.url, projectionsMigrations);
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    checkpoints = new CheckpointStore(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('load_WhenNeverSaved_ThenNull', async () => {
    expect(await checkpoints.load('never-saved')).toBeNull();
  });

  it('save_WhenTransactionCommits_ThenLoadReturnsExactPositionAndVersion', async () => {
    // Larger than 2^63: an xid8 commit position must survive unchanged, never through a float.
    const position = { commit: 18_446_744_073_709_551_000n, prepare: 9_007_199_254_740_993n };
    await dataSource.transaction((manager) => checkpoints.save('exact', 3, position, manager));

    const loaded = await checkpoints.load('exact');
    expect(loaded).toMatchObject({ consumer: 'exact', version: 3, position, rebuildRequestedAt: null });
  });

  it('save_WhenTransactionRollsBack_ThenNothingIsStored', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await checkpoints.save('rolled-back', 1, { commit: 5n, prepare: 7n }, manager);
        throw new Error('effects failed');
      }),
    ).rejects.toThrow('effects failed');

    expect(await checkpoints.load('rolled-back')).toBeNull();
  });

  it('save_WhenCalledAgain_ThenOverwritesAndAcceptsStartOfLog', async () => {
    await dataSource.transaction((manager) => checkpoints.save('moving', 1, { commit: 10n, prepare: 1n }, manager));
    await dataSource.transaction((manager) => checkpoints.save('moving', 2, null, manager));

    expect(await checkpoints.load('moving')).toMatchObject({ version: 2, position: null });
  });

  it('advance_WhenTheCheckpointIsWhereTheCallerSaysAndNoRebuildIsAsked_ThenMovesIt', async () => {
    const start = { commit: 18_446_744_073_709_551_000n, prepare: 41n };
    const next = { commit: 18_446_744_073_709_551_001n, prepare: 42n };
    await dataSource.transaction((manager) => checkpoints.save('advancing', 4, null, manager));

    expect(await checkpoints.advance('advancing', 4, null, start, dataSource.manager)).toBe(true);
    expect(await checkpoints.advance('advancing', 4, start, next, dataSource.manager)).toBe(true);
    expect(await checkpoints.load('advancing')).toMatchObject({ version: 4, position: next });
  });

  it('advance_WhenTheCheckpointMovedOrChangedVersionOrARebuildWasAsked_ThenRefusesAndChangesNothing', async () => {
    const at = { commit: 100n, prepare: 7n };
    const elsewhere = { commit: 99n, prepare: 7n };
    const next = { commit: 101n, prepare: 8n };
    await dataSource.transaction((manager) => checkpoints.save('contested', 2, at, manager));

    expect(await checkpoints.advance('contested', 2, elsewhere, next, dataSource.manager)).toBe(false);
    expect(await checkpoints.advance('contested', 2, null, next, dataSource.manager)).toBe(false);
    expect(await checkpoints.advance('contested', 3, at, next, dataSource.manager)).toBe(false);
    expect(await checkpoints.advance('never-saved-either', 1, null, next, dataSource.manager)).toBe(false);
    await checkpoints.requestRebuild('contested');
    expect(await checkpoints.advance('contested', 2, at, next, dataSource.manager)).toBe(false);
    expect(await checkpoints.load('contested')).toMatchObject({ version: 2, position: at });
  });

  it('advance_WhenItsTransactionRollsBack_ThenTheCheckpointStays', async () => {
    const at = { commit: 200n, prepare: 1n };
    await dataSource.transaction((manager) => checkpoints.save('advance-rolled-back', 1, at, manager));
    await expect(
      dataSource.transaction(async (manager) => {
        expect(await checkpoints.advance('advance-rolled-back', 1, at, { commit: 201n, prepare: 2n }, manager)).toBe(true);
        throw new Error('effects failed');
      }),
    ).rejects.toThrow('effects failed');
    expect(await checkpoints.load('advance-rolled-back')).toMatchObject({ position: at });
  });

  it('requestRebuild_WhenSavedAfterwards_ThenRequestStaysUntilCleared', async () => {
    await dataSource.transaction((manager) => checkpoints.save('rebuildable', 1, { commit: 1n, prepare: 1n }, manager));
    await checkpoints.requestRebuild('rebuildable');
    await dataSource.transaction((manager) => checkpoints.save('rebuildable', 1, { commit: 2n, prepare: 2n }, manager));
    expect((await checkpoints.load('rebuildable'))?.rebuildRequestedAt).toBeInstanceOf(Date);

    await dataSource.transaction((manager) => checkpoints.clearRebuildRequest('rebuildable', manager));
    expect((await checkpoints.load('rebuildable'))?.rebuildRequestedAt).toBeNull();
  });

  it('load_WhenForUpdateInsideTransaction_ThenConcurrentSaveWaitsForCommit', async () => {
    await dataSource.transaction((manager) => checkpoints.save('contended', 1, { commit: 1n, prepare: 1n }, manager));
    const order: string[] = [];
    let lockTaken!: () => void;
    const taken = new Promise<void>((resolve) => (lockTaken = resolve));
    let finishFirst!: () => void;
    const firstMayFinish = new Promise<void>((resolve) => (finishFirst = resolve));

    const first = dataSource.transaction(async (manager) => {
      await checkpoints.load('contended', manager, { forUpdate: true });
      lockTaken();
      await firstMayFinish;
      await checkpoints.save('contended', 1, { commit: 2n, prepare: 2n }, manager);
      order.push('first committed');
    });
    await taken;
    const second = dataSource.transaction(async (manager) => {
      const seen = await checkpoints.load('contended', manager, { forUpdate: true });
      order.push(`second saw ${seen?.position?.commit}`);
    });
    finishFirst();
    await Promise.all([first, second]);

    expect(order).toEqual(['first committed', 'second saw 2']);
  });

  it('list_WhenPrefixGiven_ThenOnlyMatchingConsumersInNameOrder', async () => {
    await dataSource.transaction(async (manager) => {
      await checkpoints.save('listed:b', 1, null, manager);
      await checkpoints.save('listed:a', 1, null, manager);
    });

    expect((await checkpoints.list('listed:')).map((c) => c.consumer)).toEqual(['listed:a', 'listed:b']);
  });
});
