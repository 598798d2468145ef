// The allocations held on one funding stream (a site's proceeds or a grant) and the disbursements
// against each: the part of state that site-funds and grant deciders share. Pure.
import { Money } from '@lib/kernel';
import type { DisbursementRecorded } from '../disbursements/disbursement.events';
import type { FundingSource } from '../pools/funding-source';
import type { AllocationEvent, FundingCategory } from './allocation.events';

export interface DisbursementEntry {
  disbursementId: string;
  amount: Money;
  paidAt: string;
  payee: string;
  bankRef: string;
}

/**
 * Glossary: `amount` was allocated by the committee; `disbursed` has been paid out against it
 * (never more than `amount`, R7); a `cancelled` allocation no longer counts as allocated.
 */
export interface AllocationEntry {
  allocationId: string;
  siteId: string;
  source: FundingSource;
  category: FundingCategory;
  amount: Money;
  project: string;
  committeeRef: string;
  decidedAt: string;
  status: 'active' | 'cancelled';
  disbursed: Money;
  disbursements: ReadonlyMap<string, DisbursementEntry>;
}

export type AllocationBook = ReadonlyMap<string, AllocationEntry>;

export type AllocationBookEvent = AllocationEvent | DisbursementRecorded;

export const emptyAllocationBook = (): AllocationBook => new Map();

export function evolveAllocationBook(book: AllocationBook, event: AllocationBookEvent): AllocationBook {
  switch (event.type) {
    case 'AllocationRecorded': {
      const d = event.data;
      const amount = Money.fromJSON(d.amount);
      const entry: AllocationEntry = {
        allocationId: d.allocationId,
        siteId: d.siteId,
        source: d.source,
        category: d.category,
        amount,
        project: d.project,
        committeeRef: d.committeeRef,
        decidedAt: d.decidedAt,
        status: 'active',
        disbursed: Money.zero(amount.currency),
        disbursements: new Map(),
      };
      return new Map(book).set(d.allocationId, entry);
    }
    case 'AllocationCancelled': {
      const entry = book.get(event.data.allocationId);
      // A recorded fact about an allocation this stream never held cannot come from `decide`.
      if (entry === undefined) return book;
      return new Map(book).set(entry.allocationId, { ...entry, status: 'cancelled' });
    }
    case 'DisbursementRecorded': {
      const d = event.data;
      const entry = book.get(d.allocationId);
      if (entry === undefined) return book;
      const amount = Money.fromJSON(d.amount);
      const disbursement: DisbursementEntry = { disbursementId: d.disbursementId, amount, paidAt: d.paidAt, payee: d.payee, bankRef: d.bankRef };
      return new Map(book).set(entry.allocationId, {
        ...entry,
        // Same currency by construction (decided so); a foreign one would be a forged fact, kept out of the sum.
        disbursed: amount.currency === entry.amount.currency ? entry.disbursed.plus(amount) : entry.disbursed,
        disbursements: new Map(entry.disbursements).set(d.disbursementId, disbursement),
      });
    }
    default: {
      const unreachable: never = event;
      void unreachable;
      return book;
    }
  }
}

/** Sum of the active allocations in `currency`, in minor units. */
export function allocatedIn(book: AllocationBook, currency: string): bigint {
  let total = 0n;
  for (const entry of book.values()) {
    if (entry.status === 'active' && entry.amount.currency === currency) total += entry.amount.amountMinor;
  }
  return total;
}

/** What is left to pay out against an allocation. */
export function remainingOf(entry: AllocationEntry): Money {
  return entry.amount.minus(entry.disbursed);
}
