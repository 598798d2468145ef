// The event every benchmark writes: a realistic `CreditsReserved` (DESIGN §1, §3.2) with the full
// R9 metadata, about 600 bytes of JSON. All systems under comparison store the same data and
// metadata, so their rows are the same size.
import { randomUUID } from 'crypto';
import type { EventMetadata, NewEvent } from '@lib/event-store';

export const BENCH_EVENT_TYPE = 'CreditsReserved';

/**
 * Money travels as a decimal string of minor units (JSON has no bigint), as in the app. A type
 * alias rather than an interface, so it fits emmett's `Record<string, unknown>` event data.
 */
export type CreditsReservedData = {
  purchaseId: string;
  batchId: string;
  companyId: string;
  quantityKg: number;
  amount: { currency: string; value: string };
  serialRanges: Array<{ from: string; to: string }>;
  reservedUntil: string;
  invoiceRef: string;
};

const COMPANY_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const BATCH_ID = '0190a1b2-c3d4-7e5f-8a9b-1c2d3e4f5a6b';
const ACTOR_KEY_ID = '0190a1b2-c3d4-7e5f-8a9b-2d3e4f5a6b7c';
const OCCURRED_AT = '2026-03-02T09:15:27.481Z';

/** The parts that vary per event in data and metadata, kept apart so SQL loaders can add them. */
export function creditsReservedData(sequence: number, purchaseId: string): CreditsReservedData {
  const quantityKg = 1 + (sequence % 2_500);
  return {
    purchaseId,
    batchId: BATCH_ID,
    companyId: COMPANY_ID,
    quantityKg,
    // USD 4,800 per tonne, in cents: quantityKg × 480,000 / 1,000.
    amount: { currency: 'USD', value: String(quantityKg * 480) },
    serialRanges: [{ from: 'RCC-KAM-2023-0001-000001', to: `RCC-KAM-2023-0001-${String(quantityKg).padStart(6, '0')}` }],
    reservedUntil: '2026-03-09T09:15:27.481Z',
    invoiceRef: `INV-2026-${String(sequence % 1_000_000).padStart(6, '0')}`,
  };
}

export function creditsReservedMetadata(correlationId: string): EventMetadata {
  return {
    actorKeyId: ACTOR_KEY_ID,
    actorRole: 'company',
    companyId: COMPANY_ID,
    correlationId,
    causationId: null,
    idempotencyKey: correlationId,
    occurredAt: OCCURRED_AT,
  };
}

/** A new event for the store; its id is left to the store, as command handlers do. */
export function creditsReservedEvent(sequence: number): NewEvent<typeof BENCH_EVENT_TYPE, CreditsReservedData> {
  const correlationId = randomUUID();
  return { type: BENCH_EVENT_TYPE, data: creditsReservedData(sequence, randomUUID()), metadata: creditsReservedMetadata(correlationId) };
}

/**
 * Distinct events made before a benchmark starts, so that making them is not timed: appends take
 * them in turn. Ids are left out, so each system assigns its own, as it would in production.
 */
export function sampleEvents(count: number): Array<NewEvent<typeof BENCH_EVENT_TYPE, CreditsReservedData>> {
  return Array.from({ length: count }, (_, index) => creditsReservedEvent(index));
}

/** Bytes of JSON one event stores (data + metadata), printed with the results. */
export function benchEventJsonBytes(): number {
  const event = creditsReservedEvent(1_234);
  return Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata));
}
