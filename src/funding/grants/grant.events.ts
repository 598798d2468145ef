// Events of a funder's grant (stream `grant-{id}`, DESIGN §1): the award, the tranches actually
// received, and the allocations and disbursements made from it (see allocation.events.ts).
import type { MoneyJson } from '@lib/kernel';
import type { AllocationEvent } from '../allocations/allocation.events';
import type { DisbursementRecorded } from '../disbursements/disbursement.events';

export interface GrantRegistered {
  type: 'GrantRegistered';
  data: {
    grantId: string;
    funder: string;
    /** The funder's award reference, e.g. `EPRM-2024-017`; unique (the grant id derives from it). */
    reference: string;
    /** The award; its currency is the grant's currency for tranches and allocations. */
    total: MoneyJson;
    /** Sites the grant is earmarked to (sorted), or null when any site may receive it. */
    siteIds: string[] | null;
    registeredAt: string;
  };
}

export interface TrancheReceived {
  type: 'TrancheReceived';
  data: {
    grantId: string;
    trancheId: string;
    amount: MoneyJson;
    /** Business date the money reached the bank (YYYY-MM-DD or ISO date-time). */
    receivedAt: string;
    bankRef: string;
  };
}

export type GrantEvent = GrantRegistered | TrancheReceived | AllocationEvent | DisbursementRecorded;
