import { createHmac } from 'crypto';
import { signatureHeader, verifySignature } from './webhook-signature';
import { newWebhookSecret, WebhookSecretBox, WebhookSecretUnavailable } from './webhook-secret-box';

const secret = 'whsec_test-secret';
const body = '{"id":"e1","type":"purchase.settled"}';

describe('webhook signature', () => {
  it('header_WhenComputed_ThenIsHmacOfTimestampDotBody', () => {
    const expected = createHmac('sha256', secret).update(`1767225600.${body}`).digest('hex');
    expect(signatureHeader(secret, 1767225600, body)).toBe(`t=1767225600,v1=${expected}`);
  });

  it('verify_WhenUntouched_ThenTrue_WhenBodySecretOrTimestampChanged_ThenFalse', () => {
    const header = signatureHeader(secret, 1767225600, body);
    expect(verifySignature(secret, header, body, 1767225600)).toBe(true);
    expect(verifySignature(secret, header, `${body} `, 1767225600)).toBe(false);
    expect(verifySignature('whsec_other', header, body, 1767225600)).toBe(false);
    expect(verifySignature(secret, header.replace('t=1767225600', 't=1767225601'), body, 1767225600)).toBe(false);
    expect(verifySignature(secret, header, body, 1767225600 + 301)).toBe(false);
    expect(verifySignature(secret, 'garbage', body, 1767225600)).toBe(false);
  });
});

describe('webhook secret box', () => {
  const webhookId = '0190f1c2-0000-7000-8000-0000000000f1';

  it('seal_WhenKeyGiven_ThenCiphertextWithoutTheSecret_AndOpensBack', () => {
    const box = new WebhookSecretBox('k'.repeat(32));
    const secretValue = newWebhookSecret();
    const sealed = box.seal(webhookId, secretValue);
    expect(sealed.startsWith('enc:v1:')).toBe(true);
    expect(sealed).not.toContain(secretValue.slice(6));
    expect(box.open(webhookId, sealed)).toBe(secretValue);
  });

  it('open_WhenOtherRowOrOtherKeyOrNoKey_ThenRefused', () => {
    const sealed = new WebhookSecretBox('k'.repeat(32)).seal(webhookId, 'whsec_x');
    expect(() => new WebhookSecretBox('k'.repeat(32)).open('0190f1c2-0000-7000-8000-0000000000f2', sealed)).toThrow(WebhookSecretUnavailable);
    expect(() => new WebhookSecretBox('j'.repeat(32)).open(webhookId, sealed)).toThrow(WebhookSecretUnavailable);
    expect(() => new WebhookSecretBox(null).open(webhookId, sealed)).toThrow(WebhookSecretUnavailable);
  });

  it('seal_WhenNoKey_ThenPlainAndStillReadableAfterAKeyIsConfigured', () => {
    const sealed = new WebhookSecretBox(null).seal(webhookId, 'whsec_x');
    expect(sealed).toBe('plain:whsec_x');
    expect(new WebhookSecretBox('k'.repeat(32)).open(webhookId, sealed)).toBe('whsec_x');
  });

  it('newSecret_WhenMinted_ThenPrefixedAndUnique', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
