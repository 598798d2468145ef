import { captureLogs } from '@test/support';
import { createAppLogger, describeUrl } from './app-logger';

describe('createAppLogger', () => {
  it('log_WhenSecretsAppearAtAnyDepth_ThenRedacted', () => {
    const { stream, lines } = captureLogs();
    const logger = createAppLogger('info', stream);
    logger.info(
      {
        request: { headers: { authorization: 'Bearer crk_k1_s3cr3t', 'x-api-key': 'k', host: 'api' } },
        body: { secret: 's1', apiKey: 'a1', nested: { token: 't1', password: 'p1' } },
        key: 'crk_k2_x',
        quantityKg: 25,
      },
      'request',
    );
    const [line] = lines();
    const text = JSON.stringify(line);
    for (const secret of ['crk_k1_s3cr3t', 's1', 'a1', 't1', 'p1', 'crk_k2_x']) expect(text).not.toContain(`"${secret}"`);
    expect(line).toMatchObject({
      request: { headers: { authorization: '[REDACTED]', 'x-api-key': '[REDACTED]', host: 'api' } },
      body: { secret: '[REDACTED]', nested: { token: '[REDACTED]', password: '[REDACTED]' } },
      quantityKg: 25,
    });
  });

  it('log_WhenSecretsSitInErrorsArraysAndChildBindings_ThenRedactedWithoutTouchingTheCallersObjects', () => {
    const { stream, lines } = captureLogs();
    const logger = createAppLogger('info', stream);
    const failure = Object.assign(new Error('delivery failed'), { code: 'E_HOOK', webhookSecret: 'whsec_1' });
    const body = { endpoints: [{ url: 'https://x.example', signingSecret: 'sig_1' }], Authorization: 'Bearer crk_k3_z' };
    logger.child({ tenant: { apiKey: 'a2' } }).warn({ err: failure, nested: { cause: failure }, body }, 'webhook');
    const [line] = lines();
    const text = JSON.stringify(line);
    for (const secret of ['whsec_1', 'sig_1', 'crk_k3_z', 'a2']) expect(text).not.toContain(secret);
    expect(line).toMatchObject({
      tenant: { apiKey: '[REDACTED]' },
      err: { type: 'Error', message: 'delivery failed', code: 'E_HOOK', webhookSecret: '[REDACTED]' },
      nested: { cause: { message: 'delivery failed', webhookSecret: '[REDACTED]' } },
      body: { endpoints: [{ url: 'https://x.example', signingSecret: '[REDACTED]' }], Authorization: '[REDACTED]' },
    });
    // The caller's objects are left as they were.
    expect(failure.webhookSecret).toBe('whsec_1');
    expect(body.endpoints[0].signingSecret).toBe('sig_1');
    expect(body.Authorization).toBe('Bearer crk_k3_z');
  });

  it('log_WhenHttpRequestIsBound_ThenOnlyAllowedHeadersShowAndCredentialsAreRedacted', () => {
    const { stream, lines } = captureLogs();
    const logger = createAppLogger('info', stream);
    const headers = { authorization: 'Bearer crk_k4_q', 'user-agent': 'curl/8', 'x-forwarded-secret': 'fwd_1', 'idempotency-key': 'order-7' };
    logger.child({ req: { id: 'r-1', method: 'POST', url: '/v1/purchases', headers } }).info('request completed');
    const [line] = lines();
    expect(JSON.stringify(line)).not.toMatch(/crk_k4_q|fwd_1/);
    expect(line).toEqual(
      expect.objectContaining({
        req: { id: 'r-1', method: 'POST', url: '/v1/purchases', headers: { 'user-agent': 'curl/8', 'idempotency-key': 'order-7', authorization: '[REDACTED]' } },
      }),
    );
  });

  it('log_WhenTextsHoldUrlsWithPasswords_ThenOnlyThePasswordsAreReplaced', () => {
    const { stream, lines } = captureLogs();
    const logger = createAppLogger('info', stream);
    const error = new Error('connect failed: postgres://app:pw1@db:5432/cobalt (also redis://:pw2@cache:6379)');
    logger.error({ err: error, target: 'amqp://user:pw3@mq/vhost', plain: 'see https://example.org/a:b@c' }, 'boom');
    const [line] = lines();
    const text = JSON.stringify(line);
    for (const secret of ['pw1', 'pw2', 'pw3']) expect(text).not.toContain(secret);
    expect(line).toMatchObject({
      err: { message: 'connect failed: postgres://app:[REDACTED]@db:5432/cobalt (also redis://:[REDACTED]@cache:6379)' },
      target: 'amqp://user:[REDACTED]@mq/vhost',
      // No userinfo before the host: nothing to hide.
      plain: 'see https://example.org/a:b@c',
    });
    expect(error.message).toContain('pw1');
  });

  it('describeUrl_WhenUrlHasCredentials_ThenDropsThem', () => {
    expect(describeUrl('postgres://app:pw@db:5432/cobalt')).toBe('postgres://db:5432/cobalt');
    expect(describeUrl('redis://:pw@cache:6379')).toBe('redis://cache:6379');
    expect(describeUrl('::nonsense')).toBe('(unparsable URL)');
  });
});
