// Business rules of a grant (stream `grant-{id}`): registration, tranches received (in the grant's
// currency, never beyond the award), allocations within tranches received and not yet allocated
// (R7) to sites the grant is earmarked to, disbursements within each allocation. Pure.
import { Decider, Money } from '@lib/kernel';
import { AllocationBook, emptyAllocationBook, evolveAllocationBook } from '../allocations/allocation-book';
import { AllocationNotFound } from '../allocations/allocations.errors';
import { CancelAllocation, decideAllocation, decideCancellation, RecordAllocation } from '../allocations/allocation-decisions';
import { decideDisbursement, RecordDisbursement } from '../disbursements/disbursement-decision';
import { parseBusinessDate } from '../pools/business-date';
import { DuplicateBankReference, FundingCurrencyMismatch, FundingIdConflict, InvalidFundingAmount } from '../pools/funding.errors';
import { BANK_REF_MAX_LENGTH, fundingText } from '../pools/funding-text';
import type { GrantEvent, GrantRegistered, TrancheReceived } from './grant.events';
import { GrantAlreadyRegistered, GrantEarmarked, GrantNotFound, GrantTotalExceeded, InvalidEarmark } from './grants.errors';

export interface RegisterGrant {
  type: 'RegisterGrant';
  grantId: string;
  funder: string;
  reference: string;
  total: Money;
  siteIds: readonly string[] | null;
  now: string;
}

export interface ReceiveTranche {
  type: 'ReceiveTranche';
  grantId: string;
  trancheId: string;
  amount: Money;
  receivedAt: string;
  bankRef: string;
  now: string;
}

export type GrantCommand = RegisterGrant | ReceiveTranche | RecordAllocation | CancelAllocation | RecordDisbursement;

export interface TrancheEntry {
  trancheId: string;
  amount: Money;
  receivedAt: string;
  bankRef: string;
}

/**
 * - `unregistered`: no event yet.
 * - `registered`: `received` is the sum of tranches (≤ `total`); `siteIds` null means any site;
 *   `book` holds the allocations made from the grant.
 */
export type GrantState =
  | { status: 'unregistered' }
  | {
      status: 'registered';
      grantId: string;
      funder: string;
      reference: string;
      total: Money;
      siteIds: readonly string[] | null;
      registeredAt: string;
      tranches: ReadonlyMap<string, TrancheEntry>;
      received: Money;
      book: AllocationBook;
    };

type RegisteredGrant = Extract<GrantState, { status: 'registered' }>;

function register(command: RegisterGrant, state: GrantState): GrantRegistered[] {
  if (!command.total.isPositive()) throw new InvalidFundingAmount('total');
  const siteIds = command.siteIds === null ? null : [...new Set(command.siteIds)].sort();
  if (siteIds !== null && siteIds.length === 0) throw new InvalidEarmark();
  const data: GrantRegistered['data'] = {
    grantId: command.grantId,
    funder: fundingText('funder', command.funder),
    reference: fundingText('reference', command.reference),
    total: command.total.toJSON(),
    siteIds,
    registeredAt: command.now,
  };
  if (state.status === 'registered') {
    // The id derives from the reference: a retry of the same award is a no-op, another award a conflict.
    const same = state.funder === data.funder && state.total.equals(command.total) && JSON.stringify(state.siteIds) === JSON.stringify(siteIds);
    if (same) return [];
    throw new GrantAlreadyRegistered(state.grantId, state.reference);
  }
  return [{ type: 'GrantRegistered', data }];
}

function receiveTranche(command: ReceiveTranche, state: RegisteredGrant): TrancheReceived[] {
  if (!command.amount.isPositive()) throw new InvalidFundingAmount('amount');
  if (command.amount.currency !== state.total.currency) throw new FundingCurrencyMismatch(state.total.currency, command.amount.currency);
  const data: TrancheReceived['data'] = {
    grantId: state.grantId,
    trancheId: command.trancheId,
    amount: command.amount.toJSON(),
    receivedAt: parseBusinessDate('receivedAt', command.receivedAt, command.now),
    bankRef: fundingText('bankRef', command.bankRef, BANK_REF_MAX_LENGTH),
  };
  const sameTranche = (t: TrancheEntry): boolean => t.amount.equals(command.amount) && t.receivedAt === data.receivedAt && t.bankRef === data.bankRef;
  const byId = state.tranches.get(command.trancheId);
  if (byId !== undefined) {
    if (sameTranche(byId)) return [];
    throw new FundingIdConflict(command.trancheId);
  }
  // The bank reference identifies the transfer: the same one again is a retry, never a second tranche.
  const byBankRef = trancheByBankRef(state, data.bankRef);
  if (byBankRef !== undefined) {
    if (sameTranche(byBankRef)) return [];
    throw new DuplicateBankReference();
  }
  const outstanding = state.total.minus(state.received);
  if (command.amount.compare(outstanding) > 0) throw new GrantTotalExceeded(command.amount.format(), outstanding.format());
  return [{ type: 'TrancheReceived', data }];
}

function recordAllocation(command: RecordAllocation, state: RegisteredGrant): GrantEvent[] {
  if (command.source.type !== 'grant' || command.source.grantId !== state.grantId) {
    throw new Error('An allocation is decided on the stream of its own source');
  }
  if (command.amount.currency !== state.total.currency) throw new FundingCurrencyMismatch(state.total.currency, command.amount.currency);
  if (state.siteIds !== null && !state.siteIds.includes(command.siteId)) throw new GrantEarmarked(state.grantId, command.siteId);
  return decideAllocation(command, state.book, state.received.amountMinor);
}

export function trancheByBankRef(state: RegisteredGrant, bankRef: string): TrancheEntry | undefined {
  for (const tranche of state.tranches.values()) if (tranche.bankRef === bankRef) return tranche;
  return undefined;
}

function evolve(state: GrantState, event: GrantEvent): GrantState {
  if (event.type === 'GrantRegistered') {
    const d = event.data;
    const total = Money.fromJSON(d.total);
    return {
      status: 'registered',
      grantId: d.grantId,
      funder: d.funder,
      reference: d.reference,
      total,
      siteIds: d.siteIds,
      registeredAt: d.registeredAt,
      tranches: new Map(),
      received: Money.zero(total.currency),
      book: emptyAllocationBook(),
    };
  }
  // Recorded facts on a grant that was never registered cannot come from `decide`; ignore them.
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case 'TrancheReceived': {
      const d = event.data;
      const amount = Money.fromJSON(d.amount);
      const tranche: TrancheEntry = { trancheId: d.trancheId, amount, receivedAt: d.receivedAt, bankRef: d.bankRef };
      // Same currency by construction; a foreign amount would be a forged fact, kept out of the sum.
      const received = amount.currency === state.received.currency ? state.received.plus(amount) : state.received;
      return { ...state, tranches: new Map(state.tranches).set(d.trancheId, tranche), received };
    }
    case 'AllocationRecorded':
    case 'AllocationCancelled':
    case 'DisbursementRecorded':
      return { ...state, book: evolveAllocationBook(state.book, event) };
    default: {
      const unknown: never = event;
      void unknown;
      return state;
    }
  }
}

function decide(command: GrantCommand, state: GrantState): GrantEvent[] {
  if (command.type === 'RegisterGrant') return register(command, state);
  if (state.status !== 'registered') throw notFoundFor(command);
  switch (command.type) {
    case 'ReceiveTranche':
      return receiveTranche(command, state);
    case 'RecordAllocation':
      return recordAllocation(command, state);
    case 'CancelAllocation':
      return decideCancellation(command, state.book);
    case 'RecordDisbursement':
      return decideDisbursement(command, state.book);
    default: {
      const unreachable: never = command;
      throw new Error(`Unknown grant command ${JSON.stringify(unreachable)}`);
    }
  }
}

/** On an unregistered grant: the grant asked for is missing, or the allocation is (it cannot live there). */
function notFoundFor(command: Exclude<GrantCommand, RegisterGrant>): GrantNotFound | AllocationNotFound {
  switch (command.type) {
    case 'ReceiveTranche':
      return new GrantNotFound(command.grantId);
    case 'RecordAllocation':
      return new GrantNotFound(command.source.type === 'grant' ? command.source.grantId : '');
    case 'CancelAllocation':
    case 'RecordDisbursement':
      return new AllocationNotFound(command.allocationId);
    default: {
      const unreachable: never = command;
      throw new Error(`Unknown grant command ${JSON.stringify(unreachable)}`);
    }
  }
}

export const grantDecider: Decider<GrantCommand, GrantState, GrantEvent> = { initialState: () => ({ status: 'unregistered' }), evolve, decide };
