// Identifiers (RFC 9562). New ids are UUID v7: time-ordered, so they index well in PostgreSQL.
// Reactors use deterministicId (UUID v5) so replaying the same source event yields the same id.
import { createHash, randomFillSync } from 'node:crypto';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Root namespace for non-UUID namespaces given to deterministicId:
 * uuidv5(URL namespace, 'urn:rcc-registry:ids'). Never change it: stored ids depend on it.
 */
export const REGISTRY_ID_NAMESPACE = 'c54f49fb-7586-5e2b-8aeb-96e401715987';

/** Canonical 8-4-4-4-12 hexadecimal form, any version, either case. */
export function isUuid(text: unknown): text is string {
  return typeof text === 'string' && UUID_PATTERN.test(text);
}

// Monotonic v7 (RFC 9562 §6.2, method 1): a 42-bit counter fills rand_a and the top of rand_b.
// It is seeded at random each millisecond with its top bit clear, leaving room to count up; ids
// made in the same millisecond, or while the system clock steps back, still sort in creation order.
const COUNTER_BITS = 42;
const COUNTER_LIMIT = 2 ** COUNTER_BITS;
const LOW_COUNTER_LIMIT = 2 ** 30;
let lastMs = -1;
let counter = 0;

// Random bytes are drawn from the OS in 4 KiB chunks: one syscall per id was the largest cost of
// minting ids for batch appends.
const RANDOM_POOL_BYTES = 4096;
const randomPool = Buffer.alloc(RANDOM_POOL_BYTES);
let randomOffset = RANDOM_POOL_BYTES;

function nextRandom16(): Buffer {
  if (randomOffset + 16 > RANDOM_POOL_BYTES) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  const slice = randomPool.subarray(randomOffset, randomOffset + 16);
  randomOffset += 16;
  return slice;
}

/** A new UUID v7 string (lowercase). */
export function newId(): string {
  const random = nextRandom16();
  const nowMs = Date.now();
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = seedCounter(random);
  } else {
    counter += 1;
    if (counter >= COUNTER_LIMIT) {
      // Counter exhausted within one millisecond: borrow the next one, as the RFC allows.
      lastMs += 1;
      counter = seedCounter(random);
    }
  }
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  const high = Math.floor(counter / LOW_COUNTER_LIMIT); // 12 bits
  const low = counter % LOW_COUNTER_LIMIT; // 30 bits
  bytes[6] = 0x70 | (high >> 8);
  bytes[7] = high & 0xff;
  bytes[8] = 0x80 | (low >>> 24);
  bytes.writeUIntBE(low & 0xffffff, 9, 3);
  random.copy(bytes, 12, 12, 16);
  return toUuidString(bytes);
}

/** Milliseconds since the epoch stored in a UUID v7. */
export function uuidV7TimeMs(id: string): number {
  if (!isUuid(id) || id[14] !== '7') throw new TypeError(`Not a UUID v7: ${id.slice(0, 36)}`);
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/**
 * UUID v5 (SHA-1) of `name` in `namespace`. `namespace` is a UUID, or any other string, which is
 * first turned into one under REGISTRY_ID_NAMESPACE (`deterministicId('proceeds', purchaseId)`).
 */
export function deterministicId(namespace: string, name: string): string {
  const namespaceId = isUuid(namespace) ? namespace : uuidV5(REGISTRY_ID_NAMESPACE, namespace);
  return uuidV5(namespaceId, name);
}

function uuidV5(namespace: string, name: string): string {
  const digest = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return toUuidString(bytes);
}

function seedCounter(random: Buffer): number {
  // 41 random bits (top counter bit clear) from the first six random bytes.
  return random.readUIntBE(0, 6) % (COUNTER_LIMIT / 2);
}

function toUuidString(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
