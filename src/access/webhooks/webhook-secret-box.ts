// Signing secrets at rest. A secret must be recoverable (we sign with it), so it is encrypted, not
// hashed: AES-256-GCM under a key derived (HKDF-SHA256) from WEBHOOK_SECRET_KEY, with the webhook
// id as associated data so a ciphertext copied onto another row does not decrypt. Without a key
// the secret is kept as is (`plain:`), which the app warns about at boot.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'crypto';

const ENCRYPTED_PREFIX = 'enc:v1:';
const PLAIN_PREFIX = 'plain:';
const IV_BYTES = 12;

export class WebhookSecretUnavailable extends Error {
  constructor(reason: string) {
    super(`Cannot read the webhook signing secret: ${reason}`);
    this.name = 'WebhookSecretUnavailable';
  }
}

export class WebhookSecretBox {
  private readonly key: Buffer | null;

  constructor(secretKey: string | null) {
    this.key = secretKey === null ? null : Buffer.from(hkdfSync('sha256', secretKey, 'rcc-webhook-secrets', 'v1', 32));
  }

  get encrypts(): boolean {
    return this.key !== null;
  }

  seal(webhookId: string, secret: string): string {
    if (this.key === null) return `${PLAIN_PREFIX}${secret}`;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(webhookId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${ENCRYPTED_PREFIX}${[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join(':')}`;
  }

  open(webhookId: string, sealed: string): string {
    if (sealed.startsWith(PLAIN_PREFIX)) return sealed.slice(PLAIN_PREFIX.length);
    if (!sealed.startsWith(ENCRYPTED_PREFIX)) throw new WebhookSecretUnavailable('unknown storage format');
    if (this.key === null) throw new WebhookSecretUnavailable('it is encrypted and WEBHOOK_SECRET_KEY is not set');
    const parts = sealed.slice(ENCRYPTED_PREFIX.length).split(':').map((part) => Buffer.from(part, 'base64url'));
    if (parts.length !== 3) throw new WebhookSecretUnavailable('malformed ciphertext');
    const [iv, tag, ciphertext] = parts;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAAD(Buffer.from(webhookId, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new WebhookSecretUnavailable('it does not decrypt with WEBHOOK_SECRET_KEY (was the key changed?)');
    }
  }
}

/** A new signing secret: `whsec_` and 32 random bytes (base64url). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
