// Given/when/then for site registration, batch numbering per vintage, and the code reservation.
import { deciderSpec } from '@lib/kernel/testing';
import { siteCodeDecider } from './site-code.decider';
import { RegisterSite, siteDecider } from './site.decider';
import type { SiteEvent, SiteProfile } from './site.events';

const SITE_ID = '01900000-0000-7000-8000-0000000000bb';
const MILESTONE_ID = '01900000-0000-7000-8000-0000000000aa';
const NOW = '2026-03-10T12:00:00.000Z';
const spec = deciderSpec(siteDecider);

const kamilombe: SiteProfile = { siteId: SITE_ID, code: 'KAM', name: 'Kamilombe', cooperative: 'CMDS', province: 'Lualaba', country: 'CD', feeBps: 250 };
const registerCommand = (overrides: Partial<SiteProfile> = {}): RegisterSite => ({ type: 'RegisterSite', profile: { ...kamilombe, ...overrides }, now: NOW });
const registered: SiteEvent = { type: 'SiteRegistered', data: { ...kamilombe, registeredAt: NOW } };
const assign = (batchId: string, vintage = 2023, milestoneId = MILESTONE_ID) => ({ type: 'AssignBatchNumber' as const, batchId, milestoneId, vintage });
const assigned = (batchId: string, vintage: number, batchNo: number): SiteEvent => ({
  type: 'BatchNumberAssigned',
  data: { batchId, milestoneId: MILESTONE_ID, vintage, batchNo },
});

describe('site decider', () => {
  describe('RegisterSite', () => {
    it('Register_WhenValid_ThenSiteRegisteredWithTrimmedTexts', () => {
      spec.given([]).when(registerCommand({ name: '  Kamilombe ', cooperative: 'CMDS ' })).then([registered]);
    });
    it('Register_WhenFeeIsZeroOrTheWholeSale_ThenAccepted', () => {
      for (const feeBps of [0, 10_000]) {
        spec.given([]).when(registerCommand({ feeBps })).then([{ type: 'SiteRegistered', data: { ...kamilombe, feeBps, registeredAt: NOW } }]);
      }
    });
    it('Register_WhenAlreadyRegistered_ThenCodeTaken', () => {
      spec.given([registered]).when(registerCommand()).thenThrows('REGISTRY.SITE_CODE_TAKEN');
    });
    it('Register_WhenCodeNotTwoToEightUpperCaseAlphanumerics_ThenRefused', () => {
      for (const code of ['', 'K', 'kam', 'KAM-1', 'ABCDEFGHI', ' KAM']) {
        spec.given([]).when(registerCommand({ code })).thenThrows('REGISTRY.INVALID_SITE_CODE');
      }
    });
    it('Register_WhenTextEmptyTooLongOrWithControlCharacters_ThenRefusedNamingTheField', () => {
      for (const field of ['name', 'cooperative', 'province'] as const) {
        for (const text of ['', '   ', 'x'.repeat(201), 'Kami\nlombe']) {
          const error = spec.given([]).when(registerCommand({ [field]: text })).thenThrows('REGISTRY.INVALID_TEXT');
          expect(error).toMatchObject({ details: { field } });
        }
      }
    });
    it('Register_WhenCountryNotAnAssignedUpperCaseCode_ThenRefused', () => {
      for (const country of ['cd', 'XX', 'COD', '']) {
        spec.given([]).when(registerCommand({ country })).thenThrows('REGISTRY.INVALID_COUNTRY');
      }
    });
    it('Register_WhenFeeOutOfRangeOrFractional_ThenRefused', () => {
      for (const feeBps of [-1, 10_001, 2.5, Number.NaN]) {
        spec.given([]).when(registerCommand({ feeBps })).thenThrows('REGISTRY.INVALID_FEE_BPS');
      }
    });
  });

  describe('AssignBatchNumber', () => {
    it('Assign_WhenFirstOfVintage_ThenNumberOne', () => {
      spec.given([registered]).when(assign('b-1')).then([assigned('b-1', 2023, 1)]);
    });
    it('Assign_WhenVintageHasBatches_ThenNextNumber_OtherVintagesCountApart', () => {
      const history = [registered, assigned('b-1', 2023, 1), assigned('b-2', 2023, 2), assigned('b-3', 2024, 1)];
      spec.given(history).when(assign('b-4')).then([assigned('b-4', 2023, 3)]);
      spec.given(history).when(assign('b-5', 2024)).then([assigned('b-5', 2024, 2)]);
      spec.given(history).when(assign('b-6', 2022)).then([assigned('b-6', 2022, 1)]);
    });
    it('Assign_WhenBatchAlreadyNumbered_ThenNoEvents', () => {
      spec.given([registered, assigned('b-1', 2023, 1), assigned('b-2', 2023, 2)]).when(assign('b-1')).then([]);
    });
    it('Assign_WhenBatchNumberedForAnotherVintageOrMilestone_ThenIdConflict', () => {
      const history = [registered, assigned('b-1', 2023, 1)];
      spec.given(history).when(assign('b-1', 2024)).thenThrows('REGISTRY.ID_ALREADY_USED');
      spec.given(history).when(assign('b-1', 2023, '01900000-0000-7000-8000-0000000000ff')).thenThrows('REGISTRY.ID_ALREADY_USED');
    });
    it('Assign_WhenSiteNotRegistered_ThenSiteNotFound', () => {
      spec.given([]).when(assign('b-1')).thenThrows('REGISTRY.SITE_NOT_FOUND');
    });
    it('Assign_WhenVintageNotAFourDigitYear_ThenRefused', () => {
      for (const vintage of [999, 10_000, 2023.5]) spec.given([registered]).when(assign('b-1', vintage)).thenThrows('REGISTRY.INVALID_VINTAGE');
    });
  });
});

describe('site code decider', () => {
  const codeSpec = deciderSpec(siteCodeDecider);
  it('Claim_WhenFree_ThenClaimedForTheSite', () => {
    codeSpec.given([]).when({ type: 'ClaimSiteCode', siteId: SITE_ID }).then([{ type: 'SiteCodeClaimed', data: { siteId: SITE_ID } }]);
  });
  it('Claim_WhenClaimed_ThenNoEvents_AndTheFirstClaimantKeepsIt', () => {
    const claimed = [{ type: 'SiteCodeClaimed' as const, data: { siteId: SITE_ID } }];
    codeSpec.given(claimed).when({ type: 'ClaimSiteCode', siteId: 'another' }).then([]);
    const state = siteCodeDecider.evolve(siteCodeDecider.evolve(siteCodeDecider.initialState(), claimed[0]), { type: 'SiteCodeClaimed', data: { siteId: 'late' } });
    expect(state).toEqual({ status: 'claimed', siteId: SITE_ID });
  });
});
