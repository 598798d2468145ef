// Decisions on allocations, shared by the site-funds and grant deciders: record one within what
// the source has received and not yet allocated (R7), cancel one without disbursements. Pure.
import { Money } from '@lib/kernel';
import { parseBusinessDate } from '../pools/business-date';
import { FundingIdConflict, InsufficientFunds, InvalidFundingAmount } from '../pools/funding.errors';
import { FundingSource, sameSource } from '../pools/funding-source';
import { fundingText } from '../pools/funding-text';
import { AllocationBook, AllocationEntry, allocatedIn } from './allocation-book';
import { AllocationCancelled, AllocationRecorded, isFundingCategory } from './allocation.events';
import { AllocationHasDisbursements, AllocationNotFound, InvalidFundingCategory } from './allocations.errors';

export interface RecordAllocation {
  type: 'RecordAllocation';
  allocationId: string;
  siteId: string;
  source: FundingSource;
  category: string;
  amount: Money;
  project: string;
  committeeRef: string;
  decidedAt: string;
  /** When the command runs (ISO 8601 UTC): bounds the decision date. */
  now: string;
}

export interface CancelAllocation {
  type: 'CancelAllocation';
  allocationId: string;
  reason: string;
  now: string;
}

/**
 * `receivedMinor`: what the source has received in the allocation's currency (the caller has
 * already refused a currency the source cannot hold).
 */
export function decideAllocation(command: RecordAllocation, book: AllocationBook, receivedMinor: bigint): AllocationRecorded[] {
  const event = allocationRecorded(command);
  const existing = book.get(command.allocationId);
  if (existing !== undefined) {
    // A retry of the same decision changes nothing; the same id for another decision is refused.
    if (sameAllocation(existing, event.data)) return [];
    throw new FundingIdConflict(command.allocationId);
  }
  const { amount } = command;
  const availableMinor = receivedMinor - allocatedIn(book, amount.currency);
  if (amount.amountMinor > availableMinor) {
    throw new InsufficientFunds(amount.format(), Money.of(amount.currency, availableMinor).format());
  }
  return [event];
}

export function decideCancellation(command: CancelAllocation, book: AllocationBook): AllocationCancelled[] {
  const entry = book.get(command.allocationId);
  if (entry === undefined) throw new AllocationNotFound(command.allocationId);
  if (entry.status === 'cancelled') return [];
  if (entry.disbursements.size > 0) throw new AllocationHasDisbursements(entry.allocationId, entry.disbursements.size);
  const reason = fundingText('reason', command.reason);
  return [{ type: 'AllocationCancelled', data: { allocationId: entry.allocationId, siteId: entry.siteId, reason, cancelledAt: command.now } }];
}

/** Validates the command and builds its event (texts trimmed, date in recorded form). */
function allocationRecorded(command: RecordAllocation): AllocationRecorded {
  if (!command.amount.isPositive()) throw new InvalidFundingAmount('amount');
  if (!isFundingCategory(command.category)) throw new InvalidFundingCategory();
  return {
    type: 'AllocationRecorded',
    data: {
      allocationId: command.allocationId,
      siteId: command.siteId,
      source: command.source.type === 'grant' ? { type: 'grant', grantId: command.source.grantId } : { type: 'credit_sales' },
      category: command.category,
      amount: command.amount.toJSON(),
      project: fundingText('project', command.project),
      committeeRef: fundingText('committeeRef', command.committeeRef),
      decidedAt: parseBusinessDate('decidedAt', command.decidedAt, command.now),
    },
  };
}

function sameAllocation(existing: AllocationEntry, data: AllocationRecorded['data']): boolean {
  return (
    existing.siteId === data.siteId &&
    sameSource(existing.source, data.source) &&
    existing.category === data.category &&
    existing.amount.currency === data.amount.currency &&
    existing.amount.amountMinor === BigInt(data.amount.value) &&
    existing.project === data.project &&
    existing.committeeRef === data.committeeRef &&
    existing.decidedAt === data.decidedAt
  );
}
