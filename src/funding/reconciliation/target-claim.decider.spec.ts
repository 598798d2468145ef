// Given/when/then for target claims: one line per target, retries, takeover of an orphan claim.
import { deciderSpec } from '@lib/kernel/testing';
import { TargetClaimCommand, targetClaimDecider, TargetClaimEvent } from './target-claim.decider';
import type { MatchTarget } from './statement.events';

const spec = deciderSpec(targetClaimDecider);
const TARGET: MatchTarget = { kind: 'disbursement', id: '01900000-0000-7000-8000-00000000e001' };
const A = { lineId: 'line-a', statementId: 'statement-1' };
const B = { lineId: 'line-b', statementId: 'statement-2' };

const claim = (claimant: typeof A, takeOverFrom: string | null = null): TargetClaimCommand => ({ type: 'ClaimTarget', data: { target: TARGET, claimant, takeOverFrom } });
const claimed = (claimant: typeof A, replacedLineId: string | null = null): TargetClaimEvent => ({ type: 'TargetClaimed', data: { target: TARGET, ...claimant, replacedLineId } });

describe('target claim decider', () => {
  it('Claim_WhenFree_ThenClaimed', () => {
    spec.given([]).when(claim(A)).then([claimed(A)]);
  });

  it('Claim_WhenSameLineAgain_ThenNoEvents', () => {
    spec.given([claimed(A)]).when(claim(A)).then([]);
  });

  it('Claim_WhenHeldByAnotherLine_ThenTargetAlreadyMatched', () => {
    const error = spec.given([claimed(A)]).when(claim(B)).thenThrows('FUNDING.TARGET_ALREADY_MATCHED');
    expect(error).toMatchObject({ kind: 'conflict', details: { lineId: 'line-a' } });
  });

  it('Claim_WhenTakingOverTheClaimantFoundUnmatched_ThenClaimedWithReplacement', () => {
    spec.given([claimed(A)]).when(claim(B, 'line-a')).then([claimed(B, 'line-a')]);
  });

  it('Claim_WhenTakeoverNamesAStaleClaimant_ThenRefused', () => {
    spec.given([claimed(A), claimed(B, 'line-a')]).when(claim({ lineId: 'line-c', statementId: 's' }, 'line-a')).thenThrows('FUNDING.TARGET_ALREADY_MATCHED');
  });

  it('Release_WhenHeldByThatLine_ThenFreeAgain', () => {
    spec.given([claimed(A)]).when({ type: 'ReleaseTarget', data: { target: TARGET, lineId: 'line-a' } }).then([
      { type: 'TargetReleased', data: { target: TARGET, lineId: 'line-a' } },
    ]);
    spec.given([claimed(A), { type: 'TargetReleased', data: { target: TARGET, lineId: 'line-a' } }]).when(claim(B)).then([claimed(B)]);
  });

  it('Release_WhenHeldByAnotherLine_ThenNoEvents', () => {
    spec.given([claimed(A)]).when({ type: 'ReleaseTarget', data: { target: TARGET, lineId: 'line-b' } }).then([]);
  });
});
