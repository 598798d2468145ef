// What each group of contract cases gets from the suite: the store of the running case.
import type { EventStore } from '../event-store.port';
import { WrongExpectedRevision } from '../event-store.errors';
import type { ExpectedRevision } from '../event-store.port';
import type { EventStoreContractFactory } from './event-store-contract.factory';

export interface ContractContext<TStore extends EventStore = EventStore> {
  readonly factory: EventStoreContractFactory<TStore>;
  /** The store created for the running case. */
  store(): TStore;
  /** Closes the running case's store now (the suite then does not close it again). */
  closeStore(): Promise<void>;
}

/** Awaits `promise`, expecting WrongExpectedRevision with exactly these fields. */
export async function expectWrongExpectedRevision(
  promise: Promise<unknown>,
  streamId: string,
  expected: ExpectedRevision,
  actual: number | 'no_stream',
): Promise<void> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevision);
  const wrong = error as WrongExpectedRevision;
  expect({ streamId: wrong.streamId, expected: wrong.expected, actual: wrong.actual, code: wrong.code }).toEqual({
    streamId,
    expected,
    actual,
    code: 'EVENT_STORE.WRONG_EXPECTED_REVISION',
  });
}
