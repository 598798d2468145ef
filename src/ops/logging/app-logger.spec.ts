import { Writable } from 'stream';
import { createAppLogger, describeUrl } from './app-logger';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createAppLogger', () => {
  it('log_WhenSecretsAppearAtAnyDepth_ThenRedacted', () => {
    const { stream, lines } = capture();
    const logger = createAppLogger('info', stream);
    logger.info(
      {
        req: { headers: { authorization: 'Bearer crk_k1_s3cr3t', 'x-api-key': 'k', host: 'api' } },
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
      req: { headers: { authorization: '[REDACTED]', 'x-api-key': '[REDACTED]', host: 'api' } },
      body: { secret: '[REDACTED]', nested: { token: '[REDACTED]', password: '[REDACTED]' } },
      quantityKg: 25,
    });
  });

  it('describeUrl_WhenUrlHasCredentials_ThenDropsThem', () => {
    expect(describeUrl('postgres://app:pw@db:5432/cobalt')).toBe('postgres://db:5432/cobalt');
    expect(describeUrl('redis://:pw@cache:6379')).toBe('redis://cache:6379');
    expect(describeUrl('::nonsense')).toBe('(unparsable URL)');
  });
});
