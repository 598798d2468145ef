// Decision on a disbursement against an allocation held on a site-funds or grant stream: never
// above what remains of the allocation (R7), only in its currency (R5), never on a cancelled one.
import type { Money } from '@lib/kernel';
import { AllocationBook, DisbursementEntry, remainingOf } from '../allocations/allocation-book';
import { AllocationExceeded, AllocationIsCancelled, AllocationNotFound } from '../allocations/allocations.errors';
import { parseBusinessDate } from '../pools/business-date';
import { DuplicateBankReference, FundingCurrencyMismatch, FundingIdConflict, InvalidFundingAmount } from '../pools/funding.errors';
import { BANK_REF_MAX_LENGTH, fundingText } from '../pools/funding-text';
import type { DisbursementRecorded } from './disbursement.events';

export interface RecordDisbursement {
  type: 'RecordDisbursement';
  disbursementId: string;
  allocationId: string;
  amount: Money;
  paidAt: string;
  payee: string;
  bankRef: string;
  now: string;
}

export function decideDisbursement(command: RecordDisbursement, book: AllocationBook): DisbursementRecorded[] {
  const entry = book.get(command.allocationId);
  if (entry === undefined) throw new AllocationNotFound(command.allocationId);
  const event = disbursementRecorded(command);
  const byId = entry.disbursements.get(command.disbursementId);
  if (byId !== undefined) {
    if (sameDisbursement(byId, event.data)) return [];
    throw new FundingIdConflict(command.disbursementId);
  }
  // Why the bank reference is the natural key: a retry without Idempotency-Key carries a fresh
  // disbursement id but the same bank transfer; recording it twice would pay the allocation twice on paper.
  const byBankRef = disbursementByBankRef(entry.disbursements, event.data.bankRef);
  if (byBankRef !== undefined) {
    if (sameDisbursement(byBankRef, event.data)) return [];
    throw new DuplicateBankReference();
  }
  if (entry.status === 'cancelled') throw new AllocationIsCancelled(entry.allocationId);
  if (command.amount.currency !== entry.amount.currency) throw new FundingCurrencyMismatch(entry.amount.currency, command.amount.currency);
  const remaining = remainingOf(entry);
  if (command.amount.compare(remaining) > 0) throw new AllocationExceeded(command.amount.format(), remaining.format());
  return [event];
}

export function disbursementByBankRef(disbursements: ReadonlyMap<string, DisbursementEntry>, bankRef: string): DisbursementEntry | undefined {
  for (const disbursement of disbursements.values()) if (disbursement.bankRef === bankRef) return disbursement;
  return undefined;
}

function disbursementRecorded(command: RecordDisbursement): DisbursementRecorded {
  if (!command.amount.isPositive()) throw new InvalidFundingAmount('amount');
  return {
    type: 'DisbursementRecorded',
    data: {
      disbursementId: command.disbursementId,
      allocationId: command.allocationId,
      amount: command.amount.toJSON(),
      paidAt: parseBusinessDate('paidAt', command.paidAt, command.now),
      payee: fundingText('payee', command.payee),
      bankRef: fundingText('bankRef', command.bankRef, BANK_REF_MAX_LENGTH),
    },
  };
}

function sameDisbursement(existing: DisbursementEntry, data: DisbursementRecorded['data']): boolean {
  return (
    existing.amount.currency === data.amount.currency &&
    existing.amount.amountMinor === BigInt(data.amount.value) &&
    existing.paidAt === data.paidAt &&
    existing.payee === data.payee &&
    existing.bankRef === data.bankRef
  );
}
