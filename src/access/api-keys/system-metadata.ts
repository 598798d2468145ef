// Metadata of events caused by the system itself rather than by an API key (boot, CLI): no actor,
// a fresh correlation id, and no causing event.
import { randomUUID } from 'crypto';
import type { EventMetadata } from '@lib/event-store';
import type { Clock } from '@lib/kernel';

export function systemMetadata(clock: Clock): EventMetadata {
  return { actorKeyId: null, actorRole: null, companyId: null, correlationId: randomUUID(), causationId: null, idempotencyKey: null, occurredAt: clock.now().toISOString() };
}
