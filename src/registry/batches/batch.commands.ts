// Commands on a batch. Time (`now`, ISO 8601 UTC) comes in the command: `decide` reads no clock.
import type { Money } from '@lib/kernel';
import type { Beneficiary } from './batch.events';

export interface IssueBatch {
  type: 'IssueBatch';
  data: {
    batchId: string;
    siteId: string;
    siteCode: string;
    milestoneId: string;
    vintage: number;
    batchNo: number;
    quantityKg: number;
    pricePerTonne: Money;
    now: string;
  };
}

export interface RepriceBatch {
  type: 'RepriceBatch';
  data: { pricePerTonne: Money; now: string };
}

export interface ReserveCredits {
  type: 'ReserveCredits';
  data: { purchaseId: string; companyId: string; quantityKg: number; reservedUntil: string; now: string };
}

export interface SettlePurchase {
  type: 'SettlePurchase';
  data: { purchaseId: string; payment: { amount: Money; receivedAt: string; bankRef: string }; now: string };
}

export interface CancelPurchase {
  type: 'CancelPurchase';
  data: { purchaseId: string; now: string };
}

export interface ExpireReservation {
  type: 'ExpireReservation';
  data: { purchaseId: string; now: string };
}

export interface TransferCredits {
  type: 'TransferCredits';
  data: { transferId: string; fromCompanyId: string; toCompanyId: string; quantityKg: number; now: string };
}

export interface RetireCredits {
  type: 'RetireCredits';
  data: {
    retirementId: string;
    companyId: string;
    quantityKg: number;
    claimYear: number;
    beneficiary: Beneficiary;
    purpose: string;
    now: string;
  };
}

export interface CancelUnits {
  type: 'CancelUnits';
  data: { quantityKg: number; reason: string; now: string };
}

export type BatchCommand =
  | IssueBatch
  | RepriceBatch
  | ReserveCredits
  | SettlePurchase
  | CancelPurchase
  | ExpireReservation
  | TransferCredits
  | RetireCredits
  | CancelUnits;
