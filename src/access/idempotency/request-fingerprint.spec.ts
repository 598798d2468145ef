import { canonicalJson, isValidIdempotencyKey, requestFingerprint } from './request-fingerprint';

describe('request fingerprint', () => {
  it('canonicalJson_WhenKeysInAnyOrder_ThenSameText', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"e":2,"f":1}]},"b":1}');
    expect(canonicalJson({ a: 1, skipped: undefined })).toBe('{"a":1}');
    expect(canonicalJson([undefined, null])).toBe('[null,null]');
  });

  it('fingerprint_WhenSameRequestWithReorderedKeys_ThenEqual', () => {
    const first = requestFingerprint('POST', '/v1/companies', { name: 'Volta', country: 'DE' });
    const second = requestFingerprint('post', '/v1/companies', { country: 'DE', name: 'Volta' });
    expect(first.equals(second)).toBe(true);
  });

  it('fingerprint_WhenMethodPathOrBodyDiffer_ThenDifferent', () => {
    const base = requestFingerprint('POST', '/v1/companies', { name: 'Volta' });
    expect(base.equals(requestFingerprint('PUT', '/v1/companies', { name: 'Volta' }))).toBe(false);
    expect(base.equals(requestFingerprint('POST', '/v1/companies?x=1', { name: 'Volta' }))).toBe(false);
    expect(base.equals(requestFingerprint('POST', '/v1/companies', { name: 'Volta ' }))).toBe(false);
    expect(base.equals(requestFingerprint('POST', '/v1/companies', undefined))).toBe(false);
  });

  it('fingerprint_WhenPartsShiftBetweenUrlAndBody_ThenDifferent', () => {
    expect(requestFingerprint('POST', '/a', 'bc').equals(requestFingerprint('POST', '/ab', 'c'))).toBe(false);
  });

  it('fingerprint_WhenTextBody_ThenHashedAsSent', () => {
    const csv = 'date,amount\n2026-03-01,10.00\n';
    expect(requestFingerprint('POST', '/s', csv).equals(requestFingerprint('POST', '/s', Buffer.from(csv)))).toBe(true);
  });

  it('isValidIdempotencyKey_WhenPrintableUpTo255_ThenValid', () => {
    expect(isValidIdempotencyKey('order-42')).toBe(true);
    expect(isValidIdempotencyKey('k'.repeat(255))).toBe(true);
    expect(isValidIdempotencyKey('a b ~!')).toBe(true);
  });

  it('isValidIdempotencyKey_WhenEmptyTooLongOrNonPrintable_ThenInvalid', () => {
    for (const key of ['', 'k'.repeat(256), 'tab\there', 'nl\n', 'é']) expect(isValidIdempotencyKey(key)).toBe(false);
  });
});
