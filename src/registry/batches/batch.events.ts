// Events of the batch stream `batch-{id}` (DESIGN §3.2): the consistency boundary for every
// movement of units, so conservation (R1), no overselling (R2) and finality of retirement (R3)
// are decided inside one stream under optimistic concurrency.
// Money travels as `{currency, value}` in minor units; serial ranges as `[{from, to}]`.
import type { MoneyJson, SerialRange } from '@lib/kernel';

export interface BatchIssued {
  type: 'BatchIssued';
  data: {
    batchId: string;
    siteId: string;
    siteCode: string;
    milestoneId: string;
    vintage: number;
    batchNo: number;
    quantityKg: number;
    pricePerTonne: MoneyJson;
    serials: SerialRange[];
    issuedAt: string;
  };
}

export interface BatchRepriced {
  type: 'BatchRepriced';
  data: { batchId: string; pricePerTonne: MoneyJson; previousPricePerTonne: MoneyJson; repricedAt: string };
}

export interface CreditsReserved {
  type: 'CreditsReserved';
  data: {
    batchId: string;
    purchaseId: string;
    companyId: string;
    quantityKg: number;
    serials: SerialRange[];
    pricePerTonne: MoneyJson;
    amount: MoneyJson;
    invoiceRef: string;
    reservedAt: string;
    reservedUntil: string;
  };
}

export interface PaymentRecord {
  amount: MoneyJson;
  receivedAt: string;
  bankRef: string;
}

export interface PurchaseSettled {
  type: 'PurchaseSettled';
  data: {
    batchId: string;
    purchaseId: string;
    companyId: string;
    quantityKg: number;
    serials: SerialRange[];
    amount: MoneyJson;
    payment: PaymentRecord;
    settledAt: string;
  };
}

/** Units of a reservation go back to the available pool: cancelled by a person, or expired. */
export interface ReservationReleased {
  type: 'PurchaseCancelled' | 'ReservationExpired';
  data: {
    batchId: string;
    purchaseId: string;
    companyId: string;
    quantityKg: number;
    serials: SerialRange[];
    releasedAt: string;
  };
}

export interface CreditsTransferred {
  type: 'CreditsTransferred';
  data: {
    batchId: string;
    transferId: string;
    fromCompanyId: string;
    toCompanyId: string;
    quantityKg: number;
    serials: SerialRange[];
    transferredAt: string;
  };
}

export interface Beneficiary {
  name: string;
  lei?: string;
}

export interface CreditsRetired {
  type: 'CreditsRetired';
  data: {
    batchId: string;
    retirementId: string;
    certificateNo: string;
    companyId: string;
    quantityKg: number;
    serials: SerialRange[];
    claimYear: number;
    beneficiary: Beneficiary;
    purpose: string;
    retiredAt: string;
  };
}

/** Available units withdrawn by an operator (a correction); they can never be sold. */
export interface UnitsCancelled {
  type: 'UnitsCancelled';
  data: { batchId: string; quantityKg: number; serials: SerialRange[]; reason: string; cancelledAt: string };
}

export type BatchEvent =
  | BatchIssued
  | BatchRepriced
  | CreditsReserved
  | PurchaseSettled
  | ReservationReleased
  | CreditsTransferred
  | CreditsRetired
  | UnitsCancelled;

export type BatchEventType = BatchEvent['type'];

export const BATCH_EVENT_TYPES: readonly BatchEventType[] = [
  'BatchIssued',
  'BatchRepriced',
  'CreditsReserved',
  'PurchaseSettled',
  'PurchaseCancelled',
  'ReservationExpired',
  'CreditsTransferred',
  'CreditsRetired',
  'UnitsCancelled',
];

export const batchStreamId = (batchId: string): string => `batch-${batchId}`;
