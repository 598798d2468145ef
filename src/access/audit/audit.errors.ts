// Refusals of the audit routes, each with a stable code (DESIGN §4).
import { DomainError } from '@lib/kernel';

/** EVENT_STORE=memory or eventstoredb: neither keeps a hash chain (only the PostgreSQL store does). */
export class HashChainUnavailable extends DomainError {
  readonly code = 'AUDIT.HASH_CHAIN_UNAVAILABLE';
  readonly kind = 'not_found' as const;
  constructor(eventStore: string) {
    super(`This deployment's event store (EVENT_STORE=${eventStore}) keeps no hash chain; only the PostgreSQL event store does`);
  }
}
