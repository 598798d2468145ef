import { Money } from '@lib/kernel';
import { deciderSpec } from '@lib/kernel/testing';
import { CreditProgrammeFee, programmeFundsDecider } from './programme-funds.decider';
import type { ProgrammeFundsEvent } from './site-funds.events';

const NOW = '2026-03-10T12:00:00.000Z';
const PURCHASE = '01900000-0000-7000-8000-00000000d001';

const creditFee = (feeCents = 60_000): CreditProgrammeFee => ({
  type: 'CreditProgrammeFee',
  purchaseId: PURCHASE,
  batchId: '01900000-0000-7000-8000-000000000001',
  siteId: '01900000-0000-7000-8000-0000000000bb',
  gross: Money.of('USD', 1_200_000),
  feeBps: 500,
  fee: Money.of('USD', feeCents),
  receivedAt: '2026-03-09',
  settledAt: NOW,
});

const feeCredited: ProgrammeFundsEvent = {
  type: 'ProgrammeFeeCredited',
  data: {
    purchaseId: PURCHASE,
    batchId: '01900000-0000-7000-8000-000000000001',
    siteId: '01900000-0000-7000-8000-0000000000bb',
    currency: 'USD',
    grossAmount: { currency: 'USD', value: 1_200_000 },
    feeBps: 500,
    feeAmount: { currency: 'USD', value: 60_000 },
    receivedAt: '2026-03-09',
    settledAt: NOW,
  },
};

describe('programme-funds decider', () => {
  it('creditFee_WhenPurchaseNew_ThenFeeCredited', () => {
    deciderSpec(programmeFundsDecider).given([]).when(creditFee()).then([feeCredited]);
  });

  it('creditFee_WhenPurchaseAlreadyCredited_ThenNothing', () => {
    deciderSpec(programmeFundsDecider).given([feeCredited]).when(creditFee()).then([]);
  });

  it('creditFee_WhenFeeIsZero_ThenNothingToRecord', () => {
    deciderSpec(programmeFundsDecider).given([]).when(creditFee(0)).then([]);
  });

  it('evolve_WhenFeesRecorded_ThenSummedPerCurrencyOncePerPurchase', () => {
    const state = [feeCredited, feeCredited].reduce(programmeFundsDecider.evolve, programmeFundsDecider.initialState());
    expect(state.receivedMinor.get('USD')).toBe(60_000n);
  });
});
