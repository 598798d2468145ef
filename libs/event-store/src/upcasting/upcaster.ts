// Upcasting (DESIGN §3.2): old event versions are rewritten to the latest shape on read, so
// handlers and projections only ever see the current schema. History itself is never rewritten (R8).
import type { RecordedEvent } from '../event-store.port';

/**
 * Turns the data of one event type from `fromVersion` into `toVersion` (toVersion > fromVersion).
 * `upcast` must be pure and must not mutate its input: it returns new data.
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  upcast(data: unknown): unknown;
}

/** What adapters accept in their options (`upcast`) and apply to every event they return. */
export type EventUpcast = (event: RecordedEvent) => RecordedEvent;
