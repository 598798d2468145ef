// Events of the funding pools fed by credit sales: `site-funds-{siteId}` receives the net proceeds
// of each settled purchase (source `credit_sales`), `programme-funds` the registry's fee share.
// Both remember the purchase ids they applied, so proceeds arrive exactly once (R7).
import type { MoneyJson } from '@lib/kernel';
import type { AllocationEvent } from '../allocations/allocation.events';
import type { DisbursementRecorded } from '../disbursements/disbursement.events';

interface SaleProceedsData {
  purchaseId: string;
  batchId: string;
  siteId: string;
  /** ISO 4217 code of every amount below (R5: the purchase's currency). */
  currency: string;
  grossAmount: MoneyJson;
  feeBps: number;
  feeAmount: MoneyJson;
  /** Business date of the payment (the purchase's `payment.receivedAt`). */
  receivedAt: string;
  /** When the registry recorded the settlement: the time the funding report knows the money from. */
  settledAt: string;
}

export interface ProceedsCredited {
  type: 'ProceedsCredited';
  data: SaleProceedsData & { netAmount: MoneyJson };
}

export interface ProgrammeFeeCredited {
  type: 'ProgrammeFeeCredited';
  data: SaleProceedsData;
}

export type SiteFundsEvent = ProceedsCredited | AllocationEvent | DisbursementRecorded;

export type ProgrammeFundsEvent = ProgrammeFeeCredited;
