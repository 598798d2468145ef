// Test-only entry point: import from '@lib/event-store/contract' in adapter specs, never from app code.
export { eventStoreContract } from './event-store-contract';
export type { EventStoreContractFactory, SlowAppend } from './event-store-contract.factory';
