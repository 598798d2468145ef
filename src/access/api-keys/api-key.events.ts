// Lifecycle events of an API key (stream `api-key-{id}`), for attribution and audit. They never
// contain the secret nor its hash: the credential itself lives only in the `api_keys` table.
import type { Role } from '../auth/actor';

export function apiKeyStreamId(keyId: string): string {
  return `api-key-${keyId}`;
}

export interface ApiKeyCreatedData {
  keyId: string;
  role: Role;
  companyId: string | null;
  label: string;
  /** ISO 8601 UTC, or null for a key that does not expire. */
  expiresAt: string | null;
}

export interface ApiKeyRevokedData {
  keyId: string;
}

export type ApiKeyEvent = { type: 'ApiKeyCreated'; data: ApiKeyCreatedData } | { type: 'ApiKeyRevoked'; data: ApiKeyRevokedData };

/**
 * - `absent`: no such key.
 * - `active`: usable until revoked (or past `expiresAt`, which the authentication guard checks).
 * - `revoked`: refused for good.
 */
export type ApiKeyState =
  | { status: 'absent' }
  | ({ status: 'active' } & ApiKeyCreatedData)
  | ({ status: 'revoked' } & ApiKeyCreatedData);
