// What makes two requests "the same" for an Idempotency-Key (R12): method, path with query, and
// the body in canonical form, so that key order or whitespace in the JSON never matters.
import { createHash } from 'crypto';

/** Printable ASCII, 1..255 characters (Stripe's limit). Anything else is refused with 400. */
const IDEMPOTENCY_KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY_PATTERN.test(key);
}

/** JSON with object keys sorted at every level; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

function bodyBytes(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  // Text bodies (e.g. a CSV statement) are hashed as sent: their bytes are their meaning.
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.from(canonicalJson(body), 'utf8');
}

/** SHA-256 over method, URL and body, each part length-prefixed so no two requests can collide by concatenation. */
export function requestFingerprint(method: string, url: string, body: unknown): Buffer {
  const hash = createHash('sha256');
  for (const part of [Buffer.from(method.toUpperCase(), 'utf8'), Buffer.from(url, 'utf8'), bodyBytes(body)]) {
    const length = Buffer.alloc(8);
    length.writeBigUInt64BE(BigInt(part.length));
    hash.update(length).update(part);
  }
  return hash.digest();
}
