// Settings of the access context, read from the environment once at boot and checked like the
// app's own configuration (one line naming the bad variable). Secrets here are never logged.
import { ConfigError, Environment } from '../ops/config/app-config';
import { parseApiKey } from './api-keys/api-key-token';

export interface AccessConfig {
  /** `BOOTSTRAP_ADMIN_KEY`: created as an admin key at boot when no key exists yet. */
  bootstrapAdminKey: string | null;
  /** Requests per minute and API key (OWASP API4). */
  keyRequestsPerMinute: number;
  /** Requests per minute and client IP for calls without a valid key (public routes, bad keys). */
  anonymousRequestsPerMinute: number;
}

function integer(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be an integer between ${min} and ${max} (got "${value}")`);
  }
  return Number(value);
}

export function loadAccessConfig(env: Environment): AccessConfig {
  const bootstrapAdminKey = env.BOOTSTRAP_ADMIN_KEY?.trim() || null;
  if (bootstrapAdminKey !== null && parseApiKey(bootstrapAdminKey) === null) {
    // Never echo the value: it is a credential.
    throw new ConfigError('BOOTSTRAP_ADMIN_KEY', 'must look like crk_<32 hex digits>_<43 base64url characters> (npm run cli -- keys:create-admin prints one)');
  }
  return {
    bootstrapAdminKey,
    // Generous defaults: 10 requests/s per key, 2 requests/s per anonymous IP.
    keyRequestsPerMinute: integer(env, 'RATE_LIMIT_PER_KEY_PER_MINUTE', 600, 1, 1_000_000),
    anonymousRequestsPerMinute: integer(env, 'RATE_LIMIT_PER_IP_PER_MINUTE', 120, 1, 1_000_000),
  };
}
