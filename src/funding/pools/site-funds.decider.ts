// The funding pool of one site's credit sales (stream `site-funds-{siteId}`): proceeds credited
// once per purchase, allocations within what was received and not yet allocated per currency
// (R5, R7), disbursements within each allocation. Pure: no I/O, no clock.
import { Decider, Money, PersistentMap } from '@lib/kernel';
import { AllocationBook, emptyAllocationBook, evolveAllocationBook } from '../allocations/allocation-book';
import { CancelAllocation, decideAllocation, decideCancellation, RecordAllocation } from '../allocations/allocation-decisions';
import { decideDisbursement, RecordDisbursement } from '../disbursements/disbursement-decision';
import { splitProceeds } from '../proceeds/fee-split';
import { CurrencyNotInPool } from './funding.errors';
import type { ProceedsCredited, SiteFundsEvent } from './site-funds.events';

export interface CreditProceeds {
  type: 'CreditProceeds';
  purchaseId: string;
  batchId: string;
  siteId: string;
  gross: Money;
  feeBps: number;
  receivedAt: string;
  settledAt: string;
}

export type SiteFundsCommand = CreditProceeds | RecordAllocation | CancelAllocation | RecordDisbursement;

/** What the pool remembers of one credited sale: the gross and the programme's fee taken from it. */
export interface CreditedSale {
  gross: Money;
  feeBps: number;
  fee: Money;
}

/**
 * Glossary: `receivedMinor` is the net proceeds per currency; `creditedPurchases` the sales
 * credited, per purchase (the exactly-once memory of R7, and the fee the programme is owed for
 * it; persistent, so crediting one more sale does not copy all the others; only the amounts are
 * kept, since a pool remembers every sale of its site); `book` the allocations from this pool.
 */
export interface SiteFundsState {
  creditedPurchases: PersistentMap<CreditedSale>;
  receivedMinor: ReadonlyMap<string, bigint>;
  book: AllocationBook;
}

export const initialSiteFunds = (): SiteFundsState => ({ creditedPurchases: PersistentMap.empty(), receivedMinor: new Map(), book: emptyAllocationBook() });

function creditProceeds(command: CreditProceeds, state: SiteFundsState): ProceedsCredited[] {
  if (state.creditedPurchases.has(command.purchaseId)) return [];
  const { fee, net } = splitProceeds(command.gross, command.feeBps);
  return [
    {
      type: 'ProceedsCredited',
      data: {
        purchaseId: command.purchaseId,
        batchId: command.batchId,
        siteId: command.siteId,
        currency: command.gross.currency,
        grossAmount: command.gross.toJSON(),
        feeBps: command.feeBps,
        feeAmount: fee.toJSON(),
        netAmount: net.toJSON(),
        receivedAt: command.receivedAt,
        settledAt: command.settledAt,
      },
    },
  ];
}

function recordAllocation(command: RecordAllocation, state: SiteFundsState): SiteFundsEvent[] {
  if (command.source.type !== 'credit_sales') throw new Error('A grant allocation is decided on the grant stream');
  const received = state.receivedMinor.get(command.amount.currency);
  if (received === undefined) throw new CurrencyNotInPool(command.amount.currency, [...state.receivedMinor.keys()].sort());
  return decideAllocation(command, state.book, received);
}

function evolve(state: SiteFundsState, event: SiteFundsEvent): SiteFundsState {
  switch (event.type) {
    case 'ProceedsCredited': {
      const { purchaseId, netAmount, grossAmount, feeBps, feeAmount } = event.data;
      // The same purchase twice cannot come from `decide`; ignoring it keeps the pool exact anyway.
      if (state.creditedPurchases.has(purchaseId)) return state;
      const before = state.receivedMinor.get(netAmount.currency) ?? 0n;
      const sale: CreditedSale = { gross: Money.fromJSON(grossAmount), feeBps, fee: Money.fromJSON(feeAmount) };
      return {
        ...state,
        creditedPurchases: state.creditedPurchases.with(purchaseId, sale),
        receivedMinor: new Map(state.receivedMinor).set(netAmount.currency, before + BigInt(netAmount.value)),
      };
    }
    case 'AllocationRecorded':
    case 'AllocationCancelled':
    case 'DisbursementRecorded':
      return { ...state, book: evolveAllocationBook(state.book, event) };
    default: {
      // Never throw on a recorded fact: an event type this code does not know leaves the state as is.
      const unknown: never = event;
      void unknown;
      return state;
    }
  }
}

export const siteFundsDecider: Decider<SiteFundsCommand, SiteFundsState, SiteFundsEvent> = {
  initialState: initialSiteFunds,
  evolve,
  decide: (command, state) => {
    switch (command.type) {
      case 'CreditProceeds':
        return creditProceeds(command, state);
      case 'RecordAllocation':
        return recordAllocation(command, state);
      case 'CancelAllocation':
        return decideCancellation(command, state.book);
      case 'RecordDisbursement':
        return decideDisbursement(command, state.book);
      default: {
        const unreachable: never = command;
        throw new Error(`Unknown site-funds command ${JSON.stringify(unreachable)}`);
      }
    }
  },
};
