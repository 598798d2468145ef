// Money actually paid out against an allocation, recorded on the allocation's own stream so
// "disbursed ≤ allocated" (R7) is decided inside that stream.
import type { MoneyJson } from '@lib/kernel';

export interface DisbursementRecorded {
  type: 'DisbursementRecorded';
  data: {
    disbursementId: string;
    allocationId: string;
    amount: MoneyJson;
    /** Business date of the payment (YYYY-MM-DD or ISO date-time). */
    paidAt: string;
    payee: string;
    bankRef: string;
  };
}
