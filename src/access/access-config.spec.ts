import { ConfigError } from '../ops/config/app-config';
import { loadAccessConfig } from './access-config';
import { issueApiKey } from './api-keys/api-key-token';

describe('loadAccessConfig', () => {
  it('load_WhenNothingSet_ThenNoBootstrapKeyAndGenerousLimits', () => {
    expect(loadAccessConfig({})).toEqual({ bootstrapAdminKey: null, keyRequestsPerMinute: 600, anonymousRequestsPerMinute: 120 });
  });

  it('load_WhenWellFormedBootstrapKeyAndLimits_ThenUsed', () => {
    const { token } = issueApiKey();
    expect(loadAccessConfig({ BOOTSTRAP_ADMIN_KEY: ` ${token} `, RATE_LIMIT_PER_KEY_PER_MINUTE: '5', RATE_LIMIT_PER_IP_PER_MINUTE: '1' })).toEqual({
      bootstrapAdminKey: token,
      keyRequestsPerMinute: 5,
      anonymousRequestsPerMinute: 1,
    });
  });

  it('load_WhenBootstrapKeyMalformed_ThenConfigErrorThatDoesNotEchoTheValue', () => {
    const value = 'crk_secret-looking-value';
    let error: unknown;
    try {
      loadAccessConfig({ BOOTSTRAP_ADMIN_KEY: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('BOOTSTRAP_ADMIN_KEY');
    expect((error as Error).message).not.toContain(value);
  });

  it('load_WhenLimitNotAPositiveInteger_ThenConfigError', () => {
    for (const value of ['0', '-1', '1.5', 'many']) {
      expect(() => loadAccessConfig({ RATE_LIMIT_PER_KEY_PER_MINUTE: value })).toThrow(ConfigError);
    }
  });
});
