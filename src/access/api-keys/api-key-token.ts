// The API key format `crk_<keyId>_<secret>` (DESIGN §3.6). Only SHA-256(secret) is ever stored;
// the token exists in clear once, in the creation response (or on the CLI's stdout).
import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import { isUuid, newId } from '@lib/kernel';

const TOKEN_PREFIX = 'crk';
/** 32 random bytes: 256 bits, so guessing is hopeless and a fast hash (SHA-256) is enough. */
const SECRET_BYTES = 32;
// keyId: the key's UUID without dashes (32 hex). Secret: base64url of 32 bytes (43 characters,
// which may contain `_`, so the token is split on the first two underscores only).
const TOKEN_PATTERN = /^crk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface ParsedApiKey {
  /** The key's id in UUID form, as stored in `api_keys.id`. */
  keyId: string;
  secret: string;
}

export interface IssuedApiKey extends ParsedApiKey {
  /** The full token to hand to the caller once. */
  token: string;
  secretSha256: Buffer;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

function compactId(keyId: string): string {
  return keyId.replace(/-/g, '').toLowerCase();
}

function uuidFromCompact(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function formatApiKey(keyId: string, secret: string): string {
  return `${TOKEN_PREFIX}_${compactId(keyId)}_${secret}`;
}

/** A fresh key: UUID v7 id and 32 random bytes of secret. */
export function issueApiKey(keyId: string = newId()): IssuedApiKey {
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { keyId, secret, token: formatApiKey(keyId, secret), secretSha256: hashSecret(secret) };
}

/** Null for anything not shaped like one of our keys; never says why (the caller answers 401). */
export function parseApiKey(token: string): ParsedApiKey | null {
  const match = TOKEN_PATTERN.exec(token);
  if (match === null) return null;
  const keyId = uuidFromCompact(match[1]);
  return isUuid(keyId) ? { keyId, secret: match[2] } : null;
}

/** Constant-time comparison of SHA-256(secret) with the stored digest. */
export function secretMatches(secret: string, storedSha256: Buffer): boolean {
  const candidate = hashSecret(secret);
  return storedSha256.length === candidate.length && timingSafeEqual(candidate, storedSha256);
}

/** `Authorization: Bearer <token>` → token; null when absent or another scheme. */
export function bearerToken(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([!-~]{1,512})$/i.exec(header.trim());
  return match === null ? null : match[1];
}
