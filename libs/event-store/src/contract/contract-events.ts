// Builders of events and stream ids for the contract cases: fresh ids every time, fixed clock.
import { randomUUID } from 'crypto';
import type { EventMetadata, NewEvent, RecordedEvent } from '../event-store.port';

/** A NewEvent whose id is known up front, so cases can find it again. */
export type KnownEvent = NewEvent & { eventId: string };

/** A stream id no earlier run can have used (stores such as EventStoreDB cannot be wiped). */
export function freshStreamId(category = 'contract'): string {
  return `${category}-${randomUUID()}`;
}

export function contractMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    actorKeyId: 'key-contract',
    actorRole: 'operator',
    companyId: null,
    correlationId: randomUUID(),
    causationId: null,
    idempotencyKey: null,
    occurredAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

export function anEvent(type = 'ContractChecked', data: Record<string, unknown> = {}): KnownEvent {
  return { eventId: randomUUID(), type, data: { ...data }, metadata: contractMetadata() };
}

/** `count` events numbered in their data, so order mistakes show in failure output. */
export function someEvents(count: number, type = 'ContractChecked'): KnownEvent[] {
  return Array.from({ length: count }, (_, index) => anEvent(type, { index }));
}

export function idsOf(events: readonly (NewEvent | RecordedEvent)[]): (string | undefined)[] {
  return events.map((event) => event.eventId);
}
