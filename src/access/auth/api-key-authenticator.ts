// Turns an Authorization header into an Actor, or null. Every failure looks the same to the caller
// (no key, malformed, unknown id, wrong secret, revoked, expired), and takes about the same work.
import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@lib/kernel';
import { bearerToken, parseApiKey, secretMatches } from '../api-keys/api-key-token';
import { ApiKeyStore } from '../api-keys/api-key.store';
import { CLOCK } from '../access.tokens';
import type { Actor } from './actor';

/** Compared against when the key id is unknown, so a miss costs a hash comparison like a hit. */
const NO_SUCH_KEY_DIGEST = Buffer.alloc(32);

@Injectable()
export class ApiKeyAuthenticator {
  constructor(
    private readonly keys: ApiKeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async authenticate(authorization: string | string[] | undefined): Promise<Actor | null> {
    const token = bearerToken(authorization);
    const parsed = token === null ? null : parseApiKey(token);
    if (parsed === null) return null;
    const key = await this.keys.findForAuthentication(parsed.keyId);
    const matches = secretMatches(parsed.secret, key?.secretSha256 ?? NO_SUCH_KEY_DIGEST);
    if (key === null || !matches) return null;
    const now = this.clock.now();
    if (key.revokedAt !== null) return null;
    if (key.expiresAt !== null && key.expiresAt.getTime() <= now.getTime()) return null;
    await this.keys.recordUse(key, now);
    return { keyId: key.id, role: key.role, companyId: key.companyId };
  }
}
