// Company scoping (R11): a company key sees only its own objects; another company's object
// answers exactly like a missing one (404), so ids cannot be probed. Staff see everything.
import type { DomainError } from '@lib/kernel';
import { Actor, isStaff } from './actor';

/** True when the actor may see an object owned by `ownerCompanyId` (null: owned by no company). */
export function canSeeCompanyObject(actor: Actor, ownerCompanyId: string | null): boolean {
  if (isStaff(actor.role)) return true;
  return ownerCompanyId !== null && actor.companyId === ownerCompanyId;
}

/**
 * Returns the object when the actor may see it; throws `notFound()` when it is absent or owned by
 * another company. Usage: `const purchase = ownedOrNotFound(actor, row, (r) => r.companyId, () => new PurchaseNotFound())`.
 */
export function ownedOrNotFound<T>(
  actor: Actor,
  object: T | null | undefined,
  ownerOf: (object: T) => string | null,
  notFound: () => DomainError,
): T {
  if (object === null || object === undefined || !canSeeCompanyObject(actor, ownerOf(object))) throw notFound();
  return object;
}
