// The company a company key acts for, on the marketplace routes open to the `company` role.
import type { Actor } from '../../access/auth/actor';

/** Company keys always carry their company (DESIGN §3.6); a key without one reaching here is a wiring bug. */
export function companyOf(actor: Actor): string {
  if (actor.companyId === null) throw new Error(`Key ${actor.keyId} of role ${actor.role} has no company`);
  return actor.companyId;
}
