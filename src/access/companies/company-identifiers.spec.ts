import { isCountryCode, isLei, leiCheckDigits } from './company-identifiers';

describe('company identifiers', () => {
  it('isCountryCode_WhenAssignedAlpha2Code_ThenAccepted', () => {
    for (const code of ['CD', 'DE', 'US', 'CN', 'GB', 'ZM']) expect(isCountryCode(code)).toBe(true);
  });

  it('isCountryCode_WhenLowerCaseUnassignedOrWrongLength_ThenRefused', () => {
    for (const code of ['cd', 'XX', 'UK', 'EU', 'C', 'COD', '', ' CD']) expect(isCountryCode(code)).toBe(false);
  });

  it('isLei_WhenPublishedLeis_ThenAccepted', () => {
    // Real LEIs from the GLEIF register (Deutsche Bank, Apple Inc.).
    expect(isLei('7LTWFZYICNSX8D621K86')).toBe(true);
    expect(isLei('HWUPKR0MPOU8FGXBT394')).toBe(true);
  });

  it('isLei_WhenOneCharacterChanged_ThenChecksumRefusesIt', () => {
    expect(isLei('7LTWFZYICNSX8D621K87')).toBe(false);
    expect(isLei('7LTWFZYICNSX8D621K68')).toBe(false);
    expect(isLei('8LTWFZYICNSX8D621K86')).toBe(false);
  });

  it('isLei_WhenMalformed_ThenRefused', () => {
    for (const text of ['', '7LTWFZYICNSX8D621K8', '7LTWFZYICNSX8D621K866', '7ltwfzyicnsx8d621k86', '7LTWFZYICNSX8D621KAB', '7LTWFZYICNSX8D621-86']) {
      expect(isLei(text)).toBe(false);
    }
  });

  it('leiCheckDigits_WhenAppendedToTheBase_ThenMakesAValidLei', () => {
    expect(leiCheckDigits('7LTWFZYICNSX8D621K')).toBe('86');
    for (const base of ['5493000000000000AA', '000000000000000000', 'ZZZZZZZZZZZZZZZZZZ', '9845001B2C3D4E5F6G']) {
      expect(isLei(`${base}${leiCheckDigits(base)}`)).toBe(true);
    }
  });
});
