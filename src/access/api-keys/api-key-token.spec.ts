import { bearerToken, formatApiKey, hashSecret, issueApiKey, parseApiKey, secretMatches } from './api-key-token';

describe('API key token', () => {
  it('issue_WhenParsedBack_ThenGivesTheSameIdAndSecret', () => {
    const issued = issueApiKey();
    expect(issued.token).toMatch(/^crk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(issued.token)).toEqual({ keyId: issued.keyId, secret: issued.secret });
    expect(issued.secretSha256.equals(hashSecret(issued.secret))).toBe(true);
  });

  it('issue_WhenCalledTwice_ThenIdsAndSecretsDiffer', () => {
    const first = issueApiKey();
    const second = issueApiKey();
    expect(first.keyId).not.toBe(second.keyId);
    expect(first.secret).not.toBe(second.secret);
  });

  it('parse_WhenSecretContainsUnderscores_ThenSplitsOnTheFirstTwoOnly', () => {
    const keyId = '0190f1c2-aaaa-7bbb-8ccc-0123456789ab';
    const secret = `__${'a'.repeat(39)}_b`;
    expect(parseApiKey(formatApiKey(keyId, secret))).toEqual({ keyId, secret });
  });

  it('parse_WhenMalformed_ThenNull', () => {
    const good = issueApiKey().token;
    for (const token of ['', 'crk_', good.slice(0, -1), `${good}x`, good.replace('crk_', 'cr_'), good.toUpperCase(), `Bearer ${good}`, 'crk_zz_zz']) {
      expect(parseApiKey(token)).toBeNull();
    }
  });

  it('secretMatches_WhenSameSecret_ThenTrue_OtherwiseFalse', () => {
    const issued = issueApiKey();
    expect(secretMatches(issued.secret, issued.secretSha256)).toBe(true);
    expect(secretMatches(issueApiKey().secret, issued.secretSha256)).toBe(false);
    expect(secretMatches(issued.secret, Buffer.alloc(3))).toBe(false);
  });

  it('bearerToken_WhenBearerScheme_ThenTheToken_OtherwiseNull', () => {
    expect(bearerToken('Bearer crk_abc')).toBe('crk_abc');
    expect(bearerToken('bearer crk_abc')).toBe('crk_abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken('Bearer ')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken(['Bearer a', 'Bearer b'])).toBeNull();
  });
});
