import { Money } from '@lib/kernel';
import { deciderSpec } from '@lib/kernel/testing';
import type { RecordAllocation } from '../allocations/allocation-decisions';
import { AllocationNotFound } from '../allocations/allocations.errors';
import type { RecordDisbursement } from '../disbursements/disbursement-decision';
import { DuplicateBankReference, FundingCurrencyMismatch, InsufficientFunds, InvalidFundingAmount } from '../pools/funding.errors';
import { grantDecider, ReceiveTranche, RegisterGrant } from './grant.decider';
import type { GrantEvent } from './grant.events';
import { GrantAlreadyRegistered, GrantEarmarked, GrantNotFound, GrantTotalExceeded, InvalidEarmark } from './grants.errors';

const NOW = '2026-03-10T12:00:00.000Z';
const GRANT = '01900000-0000-7000-8000-0000000000e1';
const KAM = '01900000-0000-7000-8000-0000000000bb';
const OTHER_SITE = '01900000-0000-7000-8000-0000000000cc';
const TRANCHE = '01900000-0000-7000-8000-0000000000f1';
const ALLOCATION = '01900000-0000-7000-8000-00000000a001';
const eur = (euros: number): Money => Money.of('EUR', BigInt(euros) * 100n);

const register = (overrides: Partial<RegisterGrant> = {}): RegisterGrant => ({
  type: 'RegisterGrant',
  grantId: GRANT,
  funder: 'European Partnership for Responsible Minerals',
  reference: 'EPRM-2024-017',
  total: eur(320_000),
  siteIds: null,
  now: NOW,
  ...overrides,
});

const registered = (siteIds: string[] | null = null): GrantEvent => ({
  type: 'GrantRegistered',
  data: {
    grantId: GRANT,
    funder: 'European Partnership for Responsible Minerals',
    reference: 'EPRM-2024-017',
    total: { currency: 'EUR', value: 32_000_000 },
    siteIds,
    registeredAt: NOW,
  },
});

const tranche = (overrides: Partial<ReceiveTranche> = {}): ReceiveTranche => ({
  type: 'ReceiveTranche',
  grantId: GRANT,
  trancheId: TRANCHE,
  amount: eur(160_000),
  receivedAt: '2026-03-02',
  bankRef: 'EPRM-TR-1',
  now: NOW,
  ...overrides,
});

const received = (euros = 160_000, trancheId = TRANCHE, bankRef = 'EPRM-TR-1'): GrantEvent => ({
  type: 'TrancheReceived',
  data: { grantId: GRANT, trancheId, amount: { currency: 'EUR', value: euros * 100 }, receivedAt: '2026-03-02', bankRef },
});

const allocate = (overrides: Partial<RecordAllocation> = {}): RecordAllocation => ({
  type: 'RecordAllocation',
  allocationId: ALLOCATION,
  siteId: KAM,
  source: { type: 'grant', grantId: GRANT },
  category: 'child_rights',
  amount: eur(40_000),
  project: 'School bursaries',
  committeeRef: 'KAM-FAC-2026-02',
  decidedAt: '2026-03-05',
  now: NOW,
  ...overrides,
});

const allocated: GrantEvent = {
  type: 'AllocationRecorded',
  data: {
    allocationId: ALLOCATION,
    siteId: KAM,
    source: { type: 'grant', grantId: GRANT },
    category: 'child_rights',
    amount: { currency: 'EUR', value: 4_000_000 },
    project: 'School bursaries',
    committeeRef: 'KAM-FAC-2026-02',
    decidedAt: '2026-03-05',
  },
};

const disburse: RecordDisbursement = {
  type: 'RecordDisbursement',
  disbursementId: '01900000-0000-7000-8000-00000000b001',
  allocationId: ALLOCATION,
  amount: eur(25_000),
  paidAt: '2026-03-09',
  payee: 'CMDS cooperative',
  bankRef: 'OUT-77',
  now: NOW,
};

describe('grant decider', () => {
  describe('RegisterGrant', () => {
    it('register_WhenNew_ThenRegistered', () => {
      deciderSpec(grantDecider).given([]).when(register()).then([registered()]);
    });

    it('register_WhenEarmarked_ThenSitesSortedAndDeduplicated', () => {
      deciderSpec(grantDecider)
        .given([])
        .when(register({ siteIds: [OTHER_SITE, KAM, OTHER_SITE] }))
        .then([registered([KAM, OTHER_SITE])]);
    });

    it('register_WhenSameAwardAgain_ThenNothing_AndWhenReferenceReusedForAnother_ThenConflict', () => {
      deciderSpec(grantDecider).given([registered()]).when(register()).then([]);
      deciderSpec(grantDecider).given([registered()]).when(register({ total: eur(1) })).thenThrows(GrantAlreadyRegistered);
    });

    it('register_WhenTotalNotPositiveOrEarmarkEmpty_ThenRefused', () => {
      deciderSpec(grantDecider).given([]).when(register({ total: eur(0) })).thenThrows(InvalidFundingAmount);
      deciderSpec(grantDecider).given([]).when(register({ siteIds: [] })).thenThrows(InvalidEarmark);
    });
  });

  describe('ReceiveTranche', () => {
    it('tranche_WhenWithinTheAward_ThenReceived', () => {
      deciderSpec(grantDecider).given([registered()]).when(tranche()).then([received()]);
    });

    it('tranche_WhenGrantUnknown_ThenGrantNotFound', () => {
      deciderSpec(grantDecider).given([]).when(tranche()).thenThrows(GrantNotFound);
    });

    it('tranche_WhenInAnotherCurrency_ThenCurrencyMismatch', () => {
      deciderSpec(grantDecider).given([registered()]).when(tranche({ amount: Money.of('USD', 100) })).thenThrows(FundingCurrencyMismatch);
    });

    it('tranche_WhenAboveWhatIsStillExpected_ThenGrantTotalExceeded', () => {
      const second = '01900000-0000-7000-8000-0000000000f2';
      deciderSpec(grantDecider)
        .given([registered(), received(160_000)])
        .when(tranche({ trancheId: second, bankRef: 'EPRM-TR-2', amount: Money.of('EUR', 16_000_001) }))
        .thenThrows(GrantTotalExceeded);
      deciderSpec(grantDecider)
        .given([registered(), received(160_000)])
        .when(tranche({ trancheId: second, bankRef: 'EPRM-TR-2' }))
        .then([received(160_000, second, 'EPRM-TR-2')]);
    });

    it('tranche_WhenSameBankTransferAgain_ThenNothing_AndWhenBankRefReusedForAnother_ThenConflict', () => {
      const second = '01900000-0000-7000-8000-0000000000f2';
      deciderSpec(grantDecider).given([registered(), received()]).when(tranche({ trancheId: second })).then([]);
      deciderSpec(grantDecider).given([registered(), received()]).when(tranche({ trancheId: second, amount: eur(1) })).thenThrows(DuplicateBankReference);
    });
  });

  describe('allocations from a grant', () => {
    it('allocate_WhenWithinTranchesReceived_ThenRecorded', () => {
      deciderSpec(grantDecider).given([registered(), received()]).when(allocate()).then([allocated]);
    });

    it('allocate_WhenAwardedButNotYetReceived_ThenInsufficientFunds', () => {
      deciderSpec(grantDecider).given([registered()]).when(allocate()).thenThrows(InsufficientFunds);
      deciderSpec(grantDecider).given([registered(), received(39_999)]).when(allocate()).thenThrows(InsufficientFunds);
    });

    it('allocate_WhenEarmarkedToOtherSites_ThenGrantEarmarked', () => {
      deciderSpec(grantDecider).given([registered([OTHER_SITE]), received()]).when(allocate()).thenThrows(GrantEarmarked);
      deciderSpec(grantDecider).given([registered([KAM, OTHER_SITE]), received()]).when(allocate()).then([allocated]);
    });

    it('allocate_WhenNotInTheGrantCurrency_ThenCurrencyMismatch', () => {
      deciderSpec(grantDecider).given([registered(), received()]).when(allocate({ amount: Money.of('USD', 600_000) })).thenThrows(FundingCurrencyMismatch);
    });

    it('allocate_WhenGrantUnknown_ThenGrantNotFound', () => {
      deciderSpec(grantDecider).given([]).when(allocate()).thenThrows(GrantNotFound);
    });

    it('disburse_WhenWithinTheGrantAllocation_ThenRecorded_AndOnAMissingGrant_ThenAllocationNotFound', () => {
      deciderSpec(grantDecider)
        .given([registered(), received(), allocated])
        .when(disburse)
        .then([
          {
            type: 'DisbursementRecorded',
            data: {
              disbursementId: disburse.disbursementId,
              allocationId: ALLOCATION,
              amount: { currency: 'EUR', value: 2_500_000 },
              paidAt: '2026-03-09',
              payee: 'CMDS cooperative',
              bankRef: 'OUT-77',
            },
          },
        ]);
      deciderSpec(grantDecider).given([]).when(disburse).thenThrows(AllocationNotFound);
    });
  });
});
