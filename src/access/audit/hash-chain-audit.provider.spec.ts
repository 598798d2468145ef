import { PostgresHashChainAudit } from '@lib/event-store';
import { HashChainUnavailable } from './audit.errors';
import { createHashChainAudit } from './hash-chain-audit.provider';

describe('createHashChainAudit', () => {
  const noDatabase = (): Promise<never> => Promise.reject(new Error('no query expected'));

  it.each(['memory', 'eventstoredb'] as const)('createHashChainAudit_WhenTheEventStoreIs%s_ThenEveryCallIsRefusedWith404', async (eventStore) => {
    const audit = createHashChainAudit({ eventStore }, noDatabase);
    for (const call of [() => audit.verify(), () => audit.ledgerHead(), () => audit.listEvents({ after: null, limit: 1 })]) {
      const error = await call().catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(HashChainUnavailable);
      expect(error).toMatchObject({ code: 'AUDIT.HASH_CHAIN_UNAVAILABLE', httpStatus: 404 });
    }
  });

  it('createHashChainAudit_WhenTheEventStoreIsPostgres_ThenThePostgresAuditOverTheGivenQuery', async () => {
    const statements: string[] = [];
    const audit = createHashChainAudit({ eventStore: 'postgres' }, async (text: string) => {
      statements.push(text);
      // The catch-up horizon is read first, in its own statement; then the page of events.
      return (text.includes('events_read_horizon') ? [{ horizon: '1' }] : []) as never[];
    });
    expect(audit).toBeInstanceOf(PostgresHashChainAudit);
    expect(await audit.listEvents({ after: null, limit: 5 })).toEqual([]);
    expect(statements).toHaveLength(2);
    expect(statements[0]).toContain('events_read_horizon');
    expect(statements[1]).toContain('FROM events');
  });
});
