// What an adapter's spec hands to the shared contract suite (eventStoreContract).
import type { EventStore, NewEvent } from '../event-store.port';
import type { EventUpcast } from '../upcasting';

/** A transaction holding appended events open, so a test can commit it later. */
export interface SlowAppend {
  /** Commits the held transaction; its events become visible to readers. */
  commit(): Promise<void>;
}

export interface EventStoreContractFactory<TStore extends EventStore = EventStore> {
  /**
   * A store for one case, called before each case; the suite closes it after the case.
   * It need not be empty: every case writes to fresh stream ids and only looks at events after a
   * position it recorded itself. No other writer may append to it while a case runs.
   */
  createStore(): Promise<TStore>;

  /**
   * Optional: a store like createStore's that applies `upcast` to every event it returns (the
   * adapter's `upcast` option). The case that uses it closes it itself.
   */
  createStoreWithUpcast?(upcast: EventUpcast): Promise<TStore>;

  /**
   * Only for adapters whose appends are transactions that can be held open (PostgreSQL).
   * Appends `events` to the fresh stream `streamId` (as with expected revision `no_stream`) in a
   * transaction that stays open until `commit()`. Must resolve only once the events hold their
   * log positions (rows inserted), so that anything appended afterwards is positioned after them.
   * `store` is the store of the running case.
   */
  beginSlowAppend?(streamId: string, events: readonly NewEvent[], store: TStore): Promise<SlowAppend>;

  /**
   * Whether an event id stored in one stream is refused in another (DuplicateEventId).
   * Default true. EventStoreDB only checks ids inside a stream, so its adapter sets false.
   */
  enforcesUniqueEventIds?: boolean;

  /** Called once after every case (drop the test database, stop servers). */
  teardown?(): Promise<void>;
}
