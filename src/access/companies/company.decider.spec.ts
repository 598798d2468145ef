import { deciderSpec } from '@lib/kernel/testing';
import { CompanyAlreadyRegistered, InvalidCompanyName, InvalidCountryCode, InvalidLei } from './companies.errors';
import { companyDecider, RegisterCompany } from './company.decider';
import type { CompanyEvent } from './company.events';

const companyId = '0190f1c2-0000-7000-8000-000000000001';

function registerCommand(overrides: Partial<RegisterCompany> = {}): RegisterCompany {
  return { type: 'RegisterCompany', companyId, name: 'Volta Cells GmbH', country: 'DE', ...overrides };
}

const registered: CompanyEvent = {
  type: 'CompanyRegistered',
  data: { companyId, name: 'Volta Cells GmbH', country: 'DE', lei: null },
};

describe('company decider', () => {
  it('register_WhenUnregistered_ThenCompanyRegistered', () => {
    deciderSpec(companyDecider).given([]).when(registerCommand()).then([registered]);
  });

  it('register_WhenLeiGiven_ThenItIsRecorded', () => {
    deciderSpec(companyDecider)
      .given([])
      .when(registerCommand({ lei: '7LTWFZYICNSX8D621K86' }))
      .then([{ type: 'CompanyRegistered', data: { ...registered.data, lei: '7LTWFZYICNSX8D621K86' } }]);
  });

  it('register_WhenNameHasSurroundingSpaces_ThenTheyAreTrimmed', () => {
    deciderSpec(companyDecider).given([]).when(registerCommand({ name: '  Volta Cells GmbH ' })).then([registered]);
  });

  it('register_WhenAlreadyRegistered_ThenRefusedAsConflict', () => {
    deciderSpec(companyDecider).given([registered]).when(registerCommand()).thenThrows(CompanyAlreadyRegistered);
  });

  it('register_WhenNameEmptyTooLongOrWithControlCharacters_ThenRefused', () => {
    for (const name of ['', '   ', 'x'.repeat(201), 'Volta\nCells', 'Volta\u0000']) {
      deciderSpec(companyDecider).given([]).when(registerCommand({ name })).thenThrows(InvalidCompanyName);
    }
  });

  it('register_WhenNameIsExactly200Characters_ThenAccepted', () => {
    const name = 'n'.repeat(200);
    deciderSpec(companyDecider)
      .given([])
      .when(registerCommand({ name }))
      .then([{ type: 'CompanyRegistered', data: { ...registered.data, name } }]);
  });

  it('register_WhenCountryIsNotAnAssignedUpperCaseCode_ThenRefused', () => {
    for (const country of ['de', 'XX', 'DEU', '']) {
      const error = deciderSpec(companyDecider).given([]).when(registerCommand({ country })).thenThrows(InvalidCountryCode);
      expect((error as InvalidCountryCode).code).toBe('ACCESS.INVALID_COUNTRY');
    }
  });

  it('register_WhenLeiChecksumIsWrong_ThenRefused', () => {
    deciderSpec(companyDecider).given([]).when(registerCommand({ lei: '7LTWFZYICNSX8D621K87' })).thenThrows(InvalidLei);
  });

  it('evolve_WhenRegistered_ThenStateCarriesTheProfile', () => {
    expect(companyDecider.evolve(companyDecider.initialState(), registered)).toEqual({ status: 'registered', ...registered.data });
  });
});
