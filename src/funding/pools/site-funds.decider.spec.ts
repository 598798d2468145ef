import { Money } from '@lib/kernel';
import { deciderSpec } from '@lib/kernel/testing';
import type { RecordAllocation, CancelAllocation } from '../allocations/allocation-decisions';
import {
  AllocationExceeded,
  AllocationHasDisbursements,
  AllocationIsCancelled,
  AllocationNotFound,
  InvalidFundingCategory,
} from '../allocations/allocations.errors';
import type { RecordDisbursement } from '../disbursements/disbursement-decision';
import {
  BusinessDateInFuture,
  CurrencyNotInPool,
  DuplicateBankReference,
  FundingCurrencyMismatch,
  FundingIdConflict,
  InsufficientFunds,
  InvalidFundingAmount,
  InvalidFundingText,
} from './funding.errors';
import { CreditProceeds, siteFundsDecider } from './site-funds.decider';
import type { SiteFundsEvent } from './site-funds.events';

const NOW = '2026-03-10T12:00:00.000Z';
const SITE = '01900000-0000-7000-8000-0000000000bb';
const BATCH = '01900000-0000-7000-8000-000000000001';
const PURCHASE = '01900000-0000-7000-8000-00000000d001';
const ALLOCATION = '01900000-0000-7000-8000-00000000a001';
const DISBURSEMENT = '01900000-0000-7000-8000-00000000b001';
const usd = (cents: number): Money => Money.of('USD', cents);

const credit = (gross = usd(1_200_000), purchaseId = PURCHASE): CreditProceeds => ({
  type: 'CreditProceeds',
  purchaseId,
  batchId: BATCH,
  siteId: SITE,
  gross,
  feeBps: 500,
  receivedAt: '2026-03-09',
  settledAt: NOW,
});

const credited = (gross = 1_200_000, purchaseId = PURCHASE): SiteFundsEvent => siteFundsDecider.decide(credit(usd(gross), purchaseId), siteFundsDecider.initialState())[0];

const allocate = (overrides: Partial<RecordAllocation> = {}): RecordAllocation => ({
  type: 'RecordAllocation',
  allocationId: ALLOCATION,
  siteId: SITE,
  source: { type: 'credit_sales' },
  category: 'health_safety',
  amount: usd(600_000),
  project: ' Mine shaft ventilation ',
  committeeRef: 'KAM-FAC-2026-03',
  decidedAt: '2026-03-10',
  now: NOW,
  ...overrides,
});

const allocated = (amount = 600_000, allocationId = ALLOCATION): SiteFundsEvent => ({
  type: 'AllocationRecorded',
  data: {
    allocationId,
    siteId: SITE,
    source: { type: 'credit_sales' },
    category: 'health_safety',
    amount: { currency: 'USD', value: amount },
    project: 'Mine shaft ventilation',
    committeeRef: 'KAM-FAC-2026-03',
    decidedAt: '2026-03-10',
  },
});

const cancel = (allocationId = ALLOCATION): CancelAllocation => ({ type: 'CancelAllocation', allocationId, reason: 'Committee reversed', now: NOW });

const disburse = (overrides: Partial<RecordDisbursement> = {}): RecordDisbursement => ({
  type: 'RecordDisbursement',
  disbursementId: DISBURSEMENT,
  allocationId: ALLOCATION,
  amount: usd(250_000),
  paidAt: '2026-03-10',
  payee: 'Kolwezi Safety Supplies SARL',
  bankRef: 'OUT-0001',
  now: NOW,
  ...overrides,
});

const disbursed = (amount = 250_000, disbursementId = DISBURSEMENT, bankRef = 'OUT-0001'): SiteFundsEvent => ({
  type: 'DisbursementRecorded',
  data: { disbursementId, allocationId: ALLOCATION, amount: { currency: 'USD', value: amount }, paidAt: '2026-03-10', payee: 'Kolwezi Safety Supplies SARL', bankRef },
});

describe('site-funds decider', () => {
  describe('CreditProceeds', () => {
    it('credit_WhenPurchaseNew_ThenNetAfterFeeCredited', () => {
      deciderSpec(siteFundsDecider)
        .given([])
        .when(credit())
        .then([
          {
            type: 'ProceedsCredited',
            data: {
              purchaseId: PURCHASE,
              batchId: BATCH,
              siteId: SITE,
              currency: 'USD',
              grossAmount: { currency: 'USD', value: 1_200_000 },
              feeBps: 500,
              feeAmount: { currency: 'USD', value: 60_000 },
              netAmount: { currency: 'USD', value: 1_140_000 },
              receivedAt: '2026-03-09',
              settledAt: NOW,
            },
          },
        ]);
    });

    it('credit_WhenPurchaseAlreadyCredited_ThenNothing', () => {
      deciderSpec(siteFundsDecider).given([credited()]).when(credit()).then([]);
    });

    it('evolve_WhenSameProceedsRecordedTwice_ThenCountedOnce', () => {
      const state = [credited(), credited()].reduce(siteFundsDecider.evolve, siteFundsDecider.initialState());
      expect(state.receivedMinor.get('USD')).toBe(1_140_000n);
    });
  });

  describe('RecordAllocation', () => {
    it('allocate_WhenWithinNetReceived_ThenRecordedWithTrimmedTexts', () => {
      deciderSpec(siteFundsDecider).given([credited()]).when(allocate()).then([allocated()]);
    });

    it('allocate_WhenExactlyTheAvailableBalance_ThenRecorded', () => {
      deciderSpec(siteFundsDecider).given([credited()]).when(allocate({ amount: usd(1_140_000) })).then([allocated(1_140_000)]);
    });

    it('allocate_WhenOneMinorUnitAboveAvailable_ThenInsufficientFunds', () => {
      const other = '01900000-0000-7000-8000-00000000a002';
      const error = deciderSpec(siteFundsDecider)
        .given([credited(), allocated(600_000)])
        .when(allocate({ allocationId: other, amount: usd(540_001) }))
        .thenThrows(InsufficientFunds);
      expect((error as InsufficientFunds).details).toEqual({ requested: 'USD 5,400.01', available: 'USD 5,400.00' });
    });

    it('allocate_WhenPoolHoldsNoSuchCurrency_ThenCurrencyNotInPool', () => {
      const error = deciderSpec(siteFundsDecider).given([credited()]).when(allocate({ amount: Money.of('EUR', 100) })).thenThrows(CurrencyNotInPool);
      expect((error as CurrencyNotInPool).details).toEqual({ currency: 'EUR', held: ['USD'] });
    });

    it('allocate_WhenNothingReceivedYet_ThenCurrencyNotInPool', () => {
      deciderSpec(siteFundsDecider).given([]).when(allocate()).thenThrows(CurrencyNotInPool);
    });

    it('allocate_WhenAnAllocationWasCancelled_ThenItsAmountIsAvailableAgain', () => {
      const cancelled: SiteFundsEvent = { type: 'AllocationCancelled', data: { allocationId: ALLOCATION, siteId: SITE, reason: 'x', cancelledAt: NOW } };
      const other = '01900000-0000-7000-8000-00000000a002';
      deciderSpec(siteFundsDecider)
        .given([credited(), allocated(1_140_000), cancelled])
        .when(allocate({ allocationId: other, amount: usd(1_140_000) }))
        .then([allocated(1_140_000, other)]);
    });

    it('allocate_WhenSameDecisionRetried_ThenNothing_AndWhenIdReusedForAnother_ThenConflict', () => {
      deciderSpec(siteFundsDecider).given([credited(), allocated()]).when(allocate()).then([]);
      deciderSpec(siteFundsDecider).given([credited(), allocated()]).when(allocate({ category: 'environment' })).thenThrows(FundingIdConflict);
    });

    it('allocate_WhenMalformed_ThenRefusedWithTheReason', () => {
      const given = [credited()];
      deciderSpec(siteFundsDecider).given(given).when(allocate({ category: 'roads' })).thenThrows(InvalidFundingCategory);
      deciderSpec(siteFundsDecider).given(given).when(allocate({ amount: usd(0) })).thenThrows(InvalidFundingAmount);
      deciderSpec(siteFundsDecider).given(given).when(allocate({ amount: usd(-5) })).thenThrows(InvalidFundingAmount);
      deciderSpec(siteFundsDecider).given(given).when(allocate({ project: '  ' })).thenThrows(InvalidFundingText);
      deciderSpec(siteFundsDecider).given(given).when(allocate({ decidedAt: '2026-04-01' })).thenThrows(BusinessDateInFuture);
    });
  });

  describe('CancelAllocation', () => {
    it('cancel_WhenNoDisbursement_ThenCancelled', () => {
      deciderSpec(siteFundsDecider)
        .given([credited(), allocated()])
        .when(cancel())
        .then([{ type: 'AllocationCancelled', data: { allocationId: ALLOCATION, siteId: SITE, reason: 'Committee reversed', cancelledAt: NOW } }]);
    });

    it('cancel_WhenSomethingWasDisbursed_ThenAllocationHasDisbursements', () => {
      deciderSpec(siteFundsDecider).given([credited(), allocated(), disbursed()]).when(cancel()).thenThrows(AllocationHasDisbursements);
    });

    it('cancel_WhenAlreadyCancelled_ThenNothing_AndWhenUnknown_ThenNotFound', () => {
      const cancelled = siteFundsDecider.decide(cancel(), [credited(), allocated()].reduce(siteFundsDecider.evolve, siteFundsDecider.initialState()));
      deciderSpec(siteFundsDecider).given([credited(), allocated(), ...cancelled]).when(cancel()).then([]);
      deciderSpec(siteFundsDecider).given([credited()]).when(cancel()).thenThrows(AllocationNotFound);
    });
  });

  describe('RecordDisbursement', () => {
    it('disburse_WhenWithinTheAllocation_ThenRecorded', () => {
      deciderSpec(siteFundsDecider).given([credited(), allocated()]).when(disburse()).then([disbursed()]);
    });

    it('disburse_WhenExactlyWhatRemains_ThenRecorded_AndOneUnitMore_ThenAllocationExceeded', () => {
      const second = '01900000-0000-7000-8000-00000000b002';
      deciderSpec(siteFundsDecider)
        .given([credited(), allocated(), disbursed()])
        .when(disburse({ disbursementId: second, bankRef: 'OUT-0002', amount: usd(350_000) }))
        .then([disbursed(350_000, second, 'OUT-0002')]);
      deciderSpec(siteFundsDecider)
        .given([credited(), allocated(), disbursed()])
        .when(disburse({ disbursementId: second, bankRef: 'OUT-0002', amount: usd(350_001) }))
        .thenThrows(AllocationExceeded);
    });

    it('disburse_WhenInAnotherCurrencyThanTheAllocation_ThenCurrencyMismatch', () => {
      deciderSpec(siteFundsDecider).given([credited(), allocated()]).when(disburse({ amount: Money.of('EUR', 100) })).thenThrows(FundingCurrencyMismatch);
    });

    it('disburse_WhenAllocationCancelledOrUnknown_ThenRefused', () => {
      const cancelled: SiteFundsEvent = { type: 'AllocationCancelled', data: { allocationId: ALLOCATION, siteId: SITE, reason: 'x', cancelledAt: NOW } };
      deciderSpec(siteFundsDecider).given([credited(), allocated(), cancelled]).when(disburse()).thenThrows(AllocationIsCancelled);
      deciderSpec(siteFundsDecider).given([credited()]).when(disburse()).thenThrows(AllocationNotFound);
    });

    it('disburse_WhenSameBankTransferRetriedUnderANewId_ThenNothing_AndWhenBankRefReusedForAnother_ThenConflict', () => {
      const retryId = '01900000-0000-7000-8000-00000000b009';
      deciderSpec(siteFundsDecider).given([credited(), allocated(), disbursed()]).when(disburse({ disbursementId: retryId })).then([]);
      deciderSpec(siteFundsDecider)
        .given([credited(), allocated(), disbursed()])
        .when(disburse({ disbursementId: retryId, amount: usd(1) }))
        .thenThrows(DuplicateBankReference);
      deciderSpec(siteFundsDecider).given([credited(), allocated(), disbursed()]).when(disburse({ amount: usd(1), bankRef: 'OUT-9' })).thenThrows(FundingIdConflict);
    });
  });
});
