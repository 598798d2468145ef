// Settings of webhook delivery, read from the environment once when the app is built and checked
// like the app's own configuration (one line naming the bad variable). The key is never logged.
import { ConfigError, Environment } from '../../ops/config/app-config';

export interface WebhooksConfig {
  /**
   * `WEBHOOK_SECRET_KEY` (at least 32 characters): signing secrets are stored encrypted with a key
   * derived from it (AES-256-GCM). Unset: they are stored as given, and a warning is logged at boot.
   */
  secretKey: string | null;
  /**
   * `WEBHOOK_ALLOW_PRIVATE_TARGETS`: may deliveries go to loopback, private, link-local and other
   * non-public addresses? Default false, except under Jest (NODE_ENV=test), whose targets are local.
   */
  allowPrivateTargets: boolean;
  /** `WEBHOOK_TIMEOUT_MS`: one delivery attempt gives up after this long (default 10 s). */
  timeoutMs: number;
  /** `WEBHOOK_MAX_ATTEMPTS`: tries per delivery, the first included (default 12). */
  maxAttempts: number;
  /** `WEBHOOK_RETRY_BASE_DELAY_MS`: first retry delay, doubling after each failure (default 5 s). */
  retryBaseDelayMs: number;
  /** `WEBHOOK_MAX_PER_COMPANY`: active endpoints per company (default 20). */
  maxPerCompany: number;
}

export const WEBHOOK_SECRET_KEY_MIN_LENGTH = 32;

function integer(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be an integer between ${min} and ${max} (got "${value}")`);
  }
  return Number(value);
}

function flag(env: Environment, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(name, `must be true or false (got "${value}")`);
}

export function loadWebhooksConfig(env: Environment): WebhooksConfig {
  const secretKey = env.WEBHOOK_SECRET_KEY?.trim() || null;
  if (secretKey !== null && secretKey.length < WEBHOOK_SECRET_KEY_MIN_LENGTH) {
    // Never echo the value: it is a credential.
    throw new ConfigError('WEBHOOK_SECRET_KEY', `must be at least ${WEBHOOK_SECRET_KEY_MIN_LENGTH} characters (e.g. 32 random bytes in base64)`);
  }
  return {
    secretKey,
    allowPrivateTargets: flag(env, 'WEBHOOK_ALLOW_PRIVATE_TARGETS', env.NODE_ENV === 'test'),
    timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    // 12 tries from 5 s, doubling: the last one comes about 5.7 hours after the first.
    maxAttempts: integer(env, 'WEBHOOK_MAX_ATTEMPTS', 12, 1, 25),
    retryBaseDelayMs: integer(env, 'WEBHOOK_RETRY_BASE_DELAY_MS', 5_000, 10, 3_600_000),
    maxPerCompany: integer(env, 'WEBHOOK_MAX_PER_COMPANY', 20, 1, 1_000),
  };
}
