// Given/when/then for declaring footprints on the company stream, and coverage arithmetic.
import { deciderSpec } from '@lib/kernel/testing';
import type { CompanyEvent } from '../../access/companies/company.events';
import { DeclareFootprint, footprintDecider } from './footprint.decider';
import type { FootprintStreamEvent } from './footprint.events';
import { coverageBps } from './footprint.view';

const companyId = '0190f1c2-0000-7000-8000-000000000001';
const NOW = '2026-03-10T12:00:00.000Z';
const registered: CompanyEvent = { type: 'CompanyRegistered', data: { companyId, name: 'Volta Cells GmbH', country: 'DE', lei: null } };
const declare = (year: number, cobaltKg: number): DeclareFootprint => ({ type: 'DeclareFootprint', data: { companyId, year, cobaltKg, now: NOW } });
const declared = (year: number, cobaltKg: number): FootprintStreamEvent => ({ type: 'FootprintDeclared', data: { companyId, year, cobaltKg } });
const spec = deciderSpec(footprintDecider);

describe('footprint decider', () => {
  it('Declare_WhenCompanyRegistered_ThenFootprintDeclared', () => {
    spec.given([registered]).when(declare(2025, 2500)).then([declared(2025, 2500)]);
  });

  it('Declare_WhenYearAlreadyDeclaredWithAnotherValue_ThenReplaced', () => {
    spec.given([registered, declared(2025, 2500)]).when(declare(2025, 3000)).then([declared(2025, 3000)]);
  });

  it('Declare_WhenSameValueAgain_ThenNoEvents', () => {
    spec.given([registered, declared(2025, 2500), declared(2024, 10)]).when(declare(2025, 2500)).then([]);
  });

  it('Declare_WhenCompanyNotRegistered_ThenCompanyNotFound', () => {
    spec.given([]).when(declare(2025, 2500)).thenThrows('ACCESS.COMPANY_NOT_FOUND');
  });

  it('Declare_WhenYearBefore2000OrNotBegunYet_ThenInvalidYear', () => {
    for (const year of [1999, 2027, 2025.5]) spec.given([registered]).when(declare(year, 1)).thenThrows('REGISTRY.INVALID_FOOTPRINT_YEAR');
    spec.given([registered]).when(declare(2026, 1)).then([declared(2026, 1)]);
    spec.given([registered]).when(declare(2000, 1)).then([declared(2000, 1)]);
  });

  it('Declare_WhenCobaltNotAPositiveWholeKg_ThenInvalidFootprint', () => {
    for (const cobaltKg of [0, -5, 2.5, Number.MAX_SAFE_INTEGER + 1]) {
      spec.given([registered]).when(declare(2025, cobaltKg)).thenThrows('REGISTRY.INVALID_FOOTPRINT');
    }
  });

  it('Evolve_WhenOtherEventsOfTheCompanyStream_ThenIgnored', () => {
    const state = footprintDecider.evolve(footprintDecider.initialState(), { type: 'SomethingNewer', data: {} } as unknown as FootprintStreamEvent);
    expect(state).toEqual(footprintDecider.initialState());
  });
});

describe('coverageBps', () => {
  it('Coverage_WhenExactOrPartial_ThenBasisPointsRoundedDown', () => {
    expect(coverageBps(2500, 2500)).toBe(10_000);
    expect(coverageBps(1250, 2500)).toBe(5_000);
    // 1 / 3 = 3333.33… bps → 3333; 2 / 3 = 6666.66… → 6666 (floor, never rounded up).
    expect(coverageBps(1, 3)).toBe(3_333);
    expect(coverageBps(2, 3)).toBe(6_666);
    expect(coverageBps(0, 10)).toBe(0);
    expect(coverageBps(5000, 2500)).toBe(20_000);
  });

  it('Coverage_WhenHugeQuantities_ThenStillExact', () => {
    expect(coverageBps(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toBe(10_000);
    expect(coverageBps(Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER)).toBe(9_999);
  });
});
