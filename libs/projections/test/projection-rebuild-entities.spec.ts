// Projections that write through TypeORM entities: during a rebuild the transaction's search path
// sends those writes to the fresh tables, never to the live ones readers are using.
import { DataSource, EntitySchema } from 'typeorm';
import { Projection, rebuildProjection } from '@lib/projections';
import { appendMovements, entryCounts, gate, openProjectionTestEnv, ProjectionTestEnv, readLog } from './projection-test-kit';

interface AccountEntry {
  entryNo?: string;
  eventId: string;
  account: string;
  amountMinor: string;
}

/** The test read model as a TypeORM entity: what application projections will mostly write through. */
const AccountEntryEntity = new EntitySchema<AccountEntry>({
  name: 'AccountEntry',
  tableName: 'account_entries',
  columns: {
    entryNo: { name: 'entry_no', type: 'bigint', primary: true, generated: 'increment' },
    eventId: { name: 'event_id', type: 'uuid' },
    account: { type: 'text' },
    amountMinor: { name: 'amount_minor', type: 'bigint' },
  },
});

describe('projection rebuilds with TypeORM entities', () => {
  let env: ProjectionTestEnv;

  beforeAll(async () => {
    env = await openProjectionTestEnv('proj_entities');
  });

  afterAll(async () => {
    await env?.close();
  });

  it('rebuild_WhenProjectionWritesThroughEntities_ThenEntitiesReachTheFreshTablesNotTheLiveOnes', async () => {
    await appendMovements(env.eventStore, 150);
    await env.dataSource.query("INSERT INTO account_entries (event_id, account, amount_minor) VALUES (gen_random_uuid(), 'old-model', 1)");
    const withEntities = await new DataSource({ type: 'postgres', url: env.database.url, entities: [AccountEntryEntity], poolSize: 2 }).initialize();
    const midRebuild = gate();
    const inspected = gate();
    let batches = 0;
    const entityProjection: Projection = {
      name: 'entries-by-entity',
      version: 1,
      tables: ['account_entries'],
      async apply(events, context) {
        const entries = context.manager.getRepository(AccountEntryEntity);
        for (const event of events) {
          if (event.type !== 'Deposited') continue;
          const data = event.data as { account: string; amountMinor: string };
          await entries.insert({ eventId: event.eventId, account: data.account, amountMinor: data.amountMinor });
        }
        if (++batches === 2) {
          midRebuild.open();
          await inspected.promise;
        }
      },
    };
    try {
      const rebuilding = rebuildProjection({ dataSource: withEntities, eventStore: env.eventStore, batchSize: 50 }, entityProjection);
      await midRebuild.promise;
      const live: Array<{ account: string }> = await env.dataSource.query('SELECT account FROM account_entries');
      const fresh: Array<{ count: string }> = await env.dataSource.query('SELECT count(*)::text AS count FROM projection_rebuild.account_entries');
      inspected.open();
      await rebuilding;

      expect(live).toEqual([{ account: 'old-model' }]);
      expect(Number(fresh[0].count)).toBeGreaterThan(0);
      const deposits = (await readLog(env.eventStore)).filter((e) => e.type === 'Deposited').length;
      expect(await entryCounts(env.dataSource)).toEqual({ entries: deposits, distinctEvents: deposits });
    } finally {
      await withEntities.destroy();
    }
  });
});
