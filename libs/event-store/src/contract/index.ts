// Test-only entry point of the contract suite, for adapter specs (it declares Jest blocks):
// never re-exported by the library's public index, never used by application code.
export { eventStoreContract } from './event-store-contract';
export type { EventStoreContractFactory, SlowAppend } from './event-store-contract.factory';
