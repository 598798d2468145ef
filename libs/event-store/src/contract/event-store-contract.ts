// The one contract suite every EventStore adapter runs (DESIGN §3.3). An adapter's spec calls
// eventStoreContract('PostgresEventStore', factory) at top level; this declares the Jest blocks.
import type { EventStore } from '../event-store.port';
import { appendCases } from './append.cases';
import { concurrencyCases } from './concurrency.cases';
import type { ContractContext } from './contract-context';
import type { EventStoreContractFactory } from './event-store-contract.factory';
import { lateCommitCases } from './late-commit.cases';
import { readCases } from './read.cases';
import { roundTripCases } from './round-trip.cases';
import { subscribeCases } from './subscribe.cases';
import { upcastCases } from './upcast.cases';

export function eventStoreContract<TStore extends EventStore = EventStore>(name: string, factory: EventStoreContractFactory<TStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let current: TStore | null = null;
    let closed = false;

    const context: ContractContext<TStore> = {
      factory,
      store: () => {
        if (current === null || closed) throw new Error('No open store: the contract case runs outside beforeEach');
        return current;
      },
      closeStore: async () => {
        if (current === null || closed) return;
        closed = true;
        await current.close();
      },
    };

    beforeEach(async () => {
      current = await factory.createStore();
      closed = false;
    });

    afterEach(async () => {
      await context.closeStore();
      current = null;
    });

    afterAll(async () => {
      await factory.teardown?.();
    });

    appendCases(context);
    readCases(context);
    roundTripCases(context);
    concurrencyCases(context);
    subscribeCases(context);
    lateCommitCases(context);
    upcastCases(context);
  });
}
