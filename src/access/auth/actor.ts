// Who is calling: the roles of DESIGN §3.6 and the Actor the authentication guard attaches to
// every request that presents a valid API key.

export const ROLES = ['admin', 'operator', 'finance', 'auditor', 'company'] as const;

export type Role = (typeof ROLES)[number];

/** FCA staff: every role but `company`. Staff keys never carry a company id. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'operator', 'finance', 'auditor'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isStaff(role: Role): boolean {
  return role !== 'company';
}

export interface Actor {
  /** Id of the API key used (a UUID), recorded as `actorKeyId` on every event it causes. */
  keyId: string;
  role: Role;
  /** Set exactly when role is `company`. */
  companyId: string | null;
}
