// The programme's pool (stream `programme-funds`): the fee share of every sale, once per purchase.
import { Decider, Money, PersistentSet } from '@lib/kernel';
import type { ProgrammeFeeCredited, ProgrammeFundsEvent } from './site-funds.events';

export interface CreditProgrammeFee {
  type: 'CreditProgrammeFee';
  purchaseId: string;
  batchId: string;
  siteId: string;
  gross: Money;
  feeBps: number;
  fee: Money;
  receivedAt: string;
  settledAt: string;
}

/**
 * `creditedPurchases`: purchases whose fee is in, so a replay credits nothing twice (R7). It grows
 * with every sale: persistent, so crediting one more does not copy all of them.
 */
export interface ProgrammeFundsState {
  creditedPurchases: PersistentSet;
  receivedMinor: ReadonlyMap<string, bigint>;
}

function creditFee(command: CreditProgrammeFee, state: ProgrammeFundsState): ProgrammeFeeCredited[] {
  // A zero fee (feeBps 0, or a tiny sale rounding to nothing) moves no money: nothing to record.
  if (state.creditedPurchases.has(command.purchaseId) || command.fee.isZero()) return [];
  return [
    {
      type: 'ProgrammeFeeCredited',
      data: {
        purchaseId: command.purchaseId,
        batchId: command.batchId,
        siteId: command.siteId,
        currency: command.gross.currency,
        grossAmount: command.gross.toJSON(),
        feeBps: command.feeBps,
        feeAmount: command.fee.toJSON(),
        receivedAt: command.receivedAt,
        settledAt: command.settledAt,
      },
    },
  ];
}

export const programmeFundsDecider: Decider<CreditProgrammeFee, ProgrammeFundsState, ProgrammeFundsEvent> = {
  initialState: () => ({ creditedPurchases: PersistentSet.empty(), receivedMinor: new Map() }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ProgrammeFeeCredited': {
        const { purchaseId, feeAmount } = event.data;
        if (state.creditedPurchases.has(purchaseId)) return state;
        const before = state.receivedMinor.get(feeAmount.currency) ?? 0n;
        return {
          creditedPurchases: state.creditedPurchases.with(purchaseId),
          receivedMinor: new Map(state.receivedMinor).set(feeAmount.currency, before + BigInt(feeAmount.value)),
        };
      }
      default: {
        const unknown: never = event.type;
        void unknown;
        return state;
      }
    }
  },
  decide: (command, state) => creditFee(command, state),
};
