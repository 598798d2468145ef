// BOOTSTRAP_ADMIN_KEY (DESIGN §3.6): at boot, when the api_keys table is empty, the given key
// becomes an admin key. Any other time it is ignored, so it can stay in the environment safely.
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Clock } from '@lib/kernel';
import type { Logger } from 'pino';
import type { AccessConfig } from '../access-config';
import { ACCESS_CONFIG, CLOCK } from '../access.tokens';
import { ApiKeyIssuer } from './api-key-issuer';
import { ApiKeyStore } from './api-key.store';
import { hashSecret, parseApiKey } from './api-key-token';
import { systemMetadata } from './system-metadata';
import { APP_LOGGER } from '../../ops/platform/platform.tokens';

export const BOOTSTRAP_KEY_LABEL = 'bootstrap admin key';

@Injectable()
export class BootstrapAdminKey implements OnApplicationBootstrap {
  private readonly logger: Logger;

  constructor(
    @Inject(ACCESS_CONFIG) private readonly config: AccessConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly issuer: ApiKeyIssuer,
    private readonly keys: ApiKeyStore,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: BootstrapAdminKey.name });
  }

  async onApplicationBootstrap(): Promise<void> {
    const token = this.config.bootstrapAdminKey;
    if (token === null) return;
    const parsed = parseApiKey(token);
    // loadAccessConfig refused malformed values already; this only narrows the type.
    if (parsed === null) return;
    const issued = { ...parsed, token, secretSha256: hashSecret(parsed.secret) };
    const request = { role: 'admin' as const, companyId: null, label: BOOTSTRAP_KEY_LABEL, expiresAt: null };
    const created = await this.keys.whileNoKeyExists(async (sql) => {
      await this.issuer.createFromToken(issued, request, systemMetadata(this.clock), sql);
    });
    // The key id only: the token itself is never logged.
    if (created) this.logger.info({ keyId: parsed.keyId }, 'created the admin key from BOOTSTRAP_ADMIN_KEY');
    else this.logger.info('BOOTSTRAP_ADMIN_KEY ignored: API keys exist already');
  }
}
