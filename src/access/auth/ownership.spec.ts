import { DomainError } from '@lib/kernel';
import type { Actor } from './actor';
import { canSeeCompanyObject, ownedOrNotFound } from './ownership';

class ThingNotFound extends DomainError {
  readonly code = 'TEST.THING_NOT_FOUND';
  readonly kind = 'not_found' as const;
}

const ours = '0190f1c2-0000-7000-8000-000000000001';
const theirs = '0190f1c2-0000-7000-8000-000000000002';
const companyActor: Actor = { keyId: 'k1', role: 'company', companyId: ours };
const notFound = () => new ThingNotFound('Thing not found');

describe('ownership', () => {
  it('canSee_WhenStaff_ThenEveryObject', () => {
    for (const role of ['admin', 'operator', 'finance', 'auditor'] as const) {
      expect(canSeeCompanyObject({ keyId: 'k', role, companyId: null }, theirs)).toBe(true);
      expect(canSeeCompanyObject({ keyId: 'k', role, companyId: null }, null)).toBe(true);
    }
  });

  it('canSee_WhenCompany_ThenOnlyItsOwn', () => {
    expect(canSeeCompanyObject(companyActor, ours)).toBe(true);
    expect(canSeeCompanyObject(companyActor, theirs)).toBe(false);
    expect(canSeeCompanyObject(companyActor, null)).toBe(false);
  });

  it('ownedOrNotFound_WhenOwn_ThenTheObject', () => {
    const thing = { id: 't', companyId: ours };
    expect(ownedOrNotFound(companyActor, thing, (t) => t.companyId, notFound)).toBe(thing);
  });

  it('ownedOrNotFound_WhenOtherCompanysOrAbsent_ThenTheSameNotFound', () => {
    expect(() => ownedOrNotFound(companyActor, { companyId: theirs }, (t) => t.companyId, notFound)).toThrow(ThingNotFound);
    expect(() => ownedOrNotFound<{ companyId: string }>(companyActor, null, (t) => t.companyId, notFound)).toThrow(ThingNotFound);
  });
});
