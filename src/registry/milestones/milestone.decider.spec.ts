// Given/when/then for every milestone command and every refusal, R4 above all.
import { Money } from '@lib/kernel';
import { deciderSpec } from '@lib/kernel/testing';
import { IssueCredits, milestoneDecider, ProposeMilestone } from './milestone.decider';
import type { MilestoneEvent } from './milestone.events';

const MILESTONE_ID = '01900000-0000-7000-8000-0000000000aa';
const SITE_ID = '01900000-0000-7000-8000-0000000000bb';
const PROPOSER = '01900000-0000-7000-8000-00000000e001';
const VERIFIER = '01900000-0000-7000-8000-00000000e002';
const NOW = '2026-03-10T12:00:00.000Z';
const SHA = 'a'.repeat(64);
const spec = deciderSpec(milestoneDecider);

type ProposalData = ProposeMilestone['data'];
const proposal: ProposalData = {
  milestoneId: MILESTONE_ID, siteId: SITE_ID, title: 'Responsible production 2023', periodStart: '2023-01-01', periodEnd: '2023-12-31',
  quantityKg: 2500, evidence: [{ uri: 'https://evidence.example.org/kam-2023.pdf', sha256: SHA }], proposedByKeyId: PROPOSER, now: NOW,
};
const propose = (overrides: Partial<ProposalData> = {}): ProposeMilestone => ({ type: 'ProposeMilestone', data: { ...proposal, ...overrides } });
const verify = (verifiedByKeyId = VERIFIER) => ({ type: 'VerifyMilestone' as const, data: { verifiedByKeyId, now: NOW } });
const reject = (reason = 'Evidence unreadable', rejectedByKeyId = VERIFIER) => ({ type: 'RejectMilestone' as const, data: { reason, rejectedByKeyId, now: NOW } });
const usd = (dollars: number) => Money.of('USD', BigInt(dollars) * 100n);
const issue = (quantityKg: number, batchId = 'batch-1', vintage = 2023, pricePerTonne = usd(4800)): IssueCredits => ({
  type: 'IssueCredits',
  data: { batchId, quantityKg, vintage, pricePerTonne, now: NOW },
});

const { now: _now, ...proposedData } = proposal;
const proposed: MilestoneEvent = { type: 'MilestoneProposed', data: { ...proposedData, proposedAt: NOW } };
const verified: MilestoneEvent = { type: 'MilestoneVerified', data: { milestoneId: MILESTONE_ID, verifiedByKeyId: VERIFIER, verifiedAt: NOW } };
const rejected: MilestoneEvent = { type: 'MilestoneRejected', data: { milestoneId: MILESTONE_ID, reason: 'Evidence unreadable', rejectedByKeyId: VERIFIER, rejectedAt: NOW } };
const issued = (quantityKg: number, batchId = 'batch-1'): MilestoneEvent => ({
  type: 'MilestoneCreditsIssued',
  data: { milestoneId: MILESTONE_ID, batchId, quantityKg, vintage: 2023, pricePerTonne: { currency: 'USD', value: 480000 }, issuedAt: NOW },
});

describe('milestone decider', () => {
  describe('ProposeMilestone', () => {
    it('Propose_WhenValid_ThenProposedWithLowerCaseDigests', () => {
      spec.given([]).when(propose({ evidence: [{ uri: proposal.evidence[0].uri, sha256: SHA.toUpperCase() }] })).then([proposed]);
    });
    it('Propose_WhenPeriodIsOneDayEndingToday_ThenAccepted', () => {
      const events = milestoneDecider.decide(propose({ periodStart: '2026-03-10', periodEnd: '2026-03-10' }), milestoneDecider.initialState());
      expect(events).toHaveLength(1);
    });
    it('Propose_WhenAlreadyProposed_ThenConflict', () => {
      spec.given([proposed]).when(propose()).thenThrows('REGISTRY.MILESTONE_ALREADY_PROPOSED');
    });
    it('Propose_WhenDatesNotCalendarDates_ThenInvalidPeriod', () => {
      for (const periodStart of ['2023-02-30', '2023-1-01', '01/01/2023', '2023-13-01', '0999-01-01', '']) {
        spec.given([]).when(propose({ periodStart })).thenThrows('REGISTRY.INVALID_PERIOD');
      }
    });
    it('Propose_WhenStartAfterEnd_ThenInvalidPeriod', () => {
      spec.given([]).when(propose({ periodStart: '2023-12-31', periodEnd: '2023-01-01' })).thenThrows('REGISTRY.INVALID_PERIOD');
    });
    it('Propose_WhenPeriodEndsAfterToday_ThenInvalidPeriod', () => {
      spec.given([]).when(propose({ periodStart: '2026-01-01', periodEnd: '2026-03-11' })).thenThrows('REGISTRY.INVALID_PERIOD');
    });
    it('Propose_WhenQuantityNotPositiveWholeKg_ThenRefused', () => {
      for (const quantityKg of [0, -5, 2.5, Number.MAX_SAFE_INTEGER + 1]) spec.given([]).when(propose({ quantityKg })).thenThrows('QUANTITY.INVALID');
    });
    it('Propose_WhenTitleBlankOrTooLong_ThenRefused', () => {
      for (const title of ['', ' ', 't'.repeat(201), 'a\tb']) spec.given([]).when(propose({ title })).thenThrows('REGISTRY.INVALID_TEXT');
    });
    it('Propose_WhenEvidenceSha256Malformed_ThenInvalidEvidence', () => {
      for (const sha256 of ['a'.repeat(63), 'a'.repeat(65), 'g'.repeat(64), `${'a'.repeat(62)} a`, '']) {
        const error = spec.given([]).when(propose({ evidence: [{ uri: 'https://e.example/x.pdf', sha256 }] })).thenThrows('REGISTRY.INVALID_EVIDENCE');
        expect(error).toMatchObject({ details: { index: 0 } });
      }
    });
    it('Propose_WhenEvidenceMissingTooManyOrDuplicated_ThenInvalidEvidence', () => {
      const many = Array.from({ length: 21 }, (_, i) => ({ uri: `https://e.example/${i}.pdf`, sha256: i.toString(16).padStart(64, '0') }));
      const twice = [{ uri: 'https://e.example/a.pdf', sha256: SHA }, { uri: 'https://e.example/b.pdf', sha256: SHA.toUpperCase() }];
      for (const evidence of [[], many, twice]) spec.given([]).when(propose({ evidence })).thenThrows('REGISTRY.INVALID_EVIDENCE');
    });
    it('Propose_WhenEvidenceUriRelativeSpacedOrWithCredentials_ThenInvalidEvidence', () => {
      for (const uri of ['evidence/kam.pdf', 'https://e.example/a b.pdf', 'https://user:secret@e.example/a.pdf', `https://e.example/${'x'.repeat(2048)}`]) {
        spec.given([]).when(propose({ evidence: [{ uri, sha256: SHA }] })).thenThrows('REGISTRY.INVALID_EVIDENCE');
      }
    });
  });

  describe('VerifyMilestone', () => {
    it('Verify_WhenProposedAndAnotherKey_ThenVerified', () => {
      spec.given([proposed]).when(verify()).then([verified]);
    });
    it('Verify_WhenTheProposerVerifies_ThenSelfVerificationRefused', () => {
      spec.given([proposed]).when(verify(PROPOSER)).thenThrows('REGISTRY.SELF_VERIFICATION');
    });
    it('Verify_WhenRejected_ThenConflict', () => {
      spec.given([proposed, rejected]).when(verify()).thenThrows('REGISTRY.MILESTONE_REJECTED');
    });
    it('Verify_WhenVerifiedBySameKey_ThenNoEvents_ByAnotherKey_ThenConflict', () => {
      spec.given([proposed, verified]).when(verify()).then([]);
      spec.given([proposed, verified]).when(verify('01900000-0000-7000-8000-00000000e003')).thenThrows('REGISTRY.MILESTONE_ALREADY_VERIFIED');
    });
    it('Verify_WhenUnknown_ThenNotFound', () => {
      spec.given([]).when(verify()).thenThrows('REGISTRY.MILESTONE_NOT_FOUND');
    });
  });

  describe('RejectMilestone', () => {
    it('Reject_WhenProposed_ThenRejectedWithTrimmedReason_EvenByTheProposer', () => {
      spec.given([proposed]).when(reject('  Evidence unreadable ')).then([rejected]);
      spec.given([proposed]).when(reject('Withdrawn', PROPOSER)).then([
        { type: 'MilestoneRejected', data: { milestoneId: MILESTONE_ID, reason: 'Withdrawn', rejectedByKeyId: PROPOSER, rejectedAt: NOW } },
      ]);
    });
    it('Reject_WhenRepeatedIdentically_ThenNoEvents_Otherwise_ThenConflict', () => {
      spec.given([proposed, rejected]).when(reject()).then([]);
      spec.given([proposed, rejected]).when(reject('Another reason')).thenThrows('REGISTRY.MILESTONE_REJECTED');
    });
    it('Reject_WhenVerified_ThenConflict', () => {
      spec.given([proposed, verified]).when(reject()).thenThrows('REGISTRY.MILESTONE_ALREADY_VERIFIED');
    });
    it('Reject_WhenReasonBlank_ThenRefused', () => {
      spec.given([proposed]).when(reject('  ')).thenThrows('REGISTRY.INVALID_TEXT');
    });
    it('Reject_WhenUnknown_ThenNotFound', () => {
      spec.given([]).when(reject()).thenThrows('REGISTRY.MILESTONE_NOT_FOUND');
    });
  });

  describe('IssueCredits', () => {
    it('Issue_WhenVerifiedAndWithinQuantity_ThenCreditsIssued', () => {
      spec.given([proposed, verified]).when(issue(2500)).then([issued(2500)]);
    });
    it('Issue_WhenBeforeVerification_ThenNotVerified', () => {
      spec.given([proposed]).when(issue(100)).thenThrows('REGISTRY.MILESTONE_NOT_VERIFIED');
    });
    it('Issue_WhenRejected_ThenNotVerified', () => {
      spec.given([proposed, rejected]).when(issue(100)).thenThrows('REGISTRY.MILESTONE_NOT_VERIFIED');
    });
    it('Issue_WhenUnknown_ThenNotFound', () => {
      spec.given([]).when(issue(100)).thenThrows('REGISTRY.MILESTONE_NOT_FOUND');
    });
    it('Issue_WhenAboveVerifiedQuantityInOneIssuance_ThenRefusedWithRemaining', () => {
      const error = spec.given([proposed, verified]).when(issue(2501)).thenThrows('REGISTRY.ISSUANCE_EXCEEDS_VERIFIED');
      expect(error).toMatchObject({ details: { requestedKg: 2501, remainingKg: 2500 } });
    });
    it('Issue_WhenAboveVerifiedQuantityOverSeveralIssuances_ThenRefused_ExactRemainderAccepted', () => {
      const history = [proposed, verified, issued(1000, 'batch-1'), issued(1000, 'batch-2')];
      const error = spec.given(history).when(issue(501, 'batch-3')).thenThrows('REGISTRY.ISSUANCE_EXCEEDS_VERIFIED');
      expect(error).toMatchObject({ details: { requestedKg: 501, remainingKg: 500 } });
      spec.given(history).when(issue(500, 'batch-3')).then([issued(500, 'batch-3')]);
      spec.given([...history, issued(500, 'batch-3')]).when(issue(1, 'batch-4')).thenThrows('REGISTRY.ISSUANCE_EXCEEDS_VERIFIED');
    });
    it('Issue_WhenVintageOutsideThePeriodYears_ThenRefused', () => {
      for (const vintage of [2022, 2024]) spec.given([proposed, verified]).when(issue(100, 'batch-1', vintage)).thenThrows('REGISTRY.INVALID_VINTAGE');
    });
    it('Issue_WhenPeriodSpansYears_ThenEachOfThemIsAVintage', () => {
      const spanning: MilestoneEvent = { type: 'MilestoneProposed', data: { ...proposedData, proposedAt: NOW, periodStart: '2022-07-01', periodEnd: '2023-06-30' } };
      for (const vintage of [2022, 2023]) {
        const events = milestoneDecider.decide(issue(100, 'batch-1', vintage), [spanning, verified].reduce(milestoneDecider.evolve, milestoneDecider.initialState()));
        expect(events).toMatchObject([{ type: 'MilestoneCreditsIssued', data: { vintage } }]);
      }
      spec.given([spanning, verified]).when(issue(100, 'batch-1', 2021)).thenThrows('REGISTRY.INVALID_VINTAGE');
    });
    it('Issue_WhenQuantityNotPositiveWholeKg_ThenRefused', () => {
      for (const quantityKg of [0, -1, 1.5]) spec.given([proposed, verified]).when(issue(quantityKg)).thenThrows('QUANTITY.INVALID');
    });
    it('Issue_WhenPriceNotPositive_ThenRefused', () => {
      spec.given([proposed, verified]).when(issue(100, 'batch-1', 2023, Money.of('USD', 0))).thenThrows('REGISTRY.INVALID_PRICE');
    });
    it('Issue_WhenSameBatchRetried_ThenNoEvents_WithOtherContent_ThenIdConflict', () => {
      const history = [proposed, verified, issued(1000)];
      spec.given(history).when(issue(1000)).then([]);
      spec.given(history).when(issue(999)).thenThrows('REGISTRY.ID_ALREADY_USED');
      spec.given(history).when(issue(1000, 'batch-1', 2023, usd(5000))).thenThrows('REGISTRY.ID_ALREADY_USED');
    });
  });

  it('evolve_WhenIssued_ThenIssuedKgAndRemainingFollow', () => {
    const state = [proposed, verified, issued(1000, 'a'), issued(700, 'b')].reduce(milestoneDecider.evolve, milestoneDecider.initialState());
    expect(state).toMatchObject({ status: 'verified', issuedKg: 1700 });
  });
});
