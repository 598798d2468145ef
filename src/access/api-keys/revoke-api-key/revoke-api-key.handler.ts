// Revocation touches the credential first, then records ApiKeyRevoked: should the append fail, the
// key is already refused (the safe side) and a retry records the event.
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideOnStream, EventStore, loadStream } from '@lib/event-store';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { apiKeyDecider } from '../api-key.decider';
import { apiKeyStreamId } from '../api-key.events';
import { ApiKeyStore } from '../api-key.store';
import { ApiKeyNotFound } from '../api-keys.errors';
import { RevokeApiKeyCommand, RevokedApiKey } from './revoke-api-key.command';

@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand, RevokedApiKey> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly keys: ApiKeyStore,
  ) {}

  async execute({ keyId, metadata }: RevokeApiKeyCommand): Promise<RevokedApiKey> {
    const streamId = apiKeyStreamId(keyId);
    const before = await loadStream(this.eventStore, streamId, apiKeyDecider);
    if (before.state.status === 'absent') throw new ApiKeyNotFound();
    await this.keys.markRevoked(keyId, new Date(metadata.occurredAt));
    const { position } = await decideOnStream(this.eventStore, streamId, apiKeyDecider, { type: 'RevokeApiKey', keyId }, metadata);
    const row = await this.keys.find(keyId);
    if (row === null) throw new ApiKeyNotFound();
    return {
      view: {
        id: row.id,
        role: row.role,
        companyId: row.companyId,
        label: row.label,
        createdAt: row.createdAt.toISOString(),
        expiresAt: row.expiresAt?.toISOString() ?? null,
        revokedAt: row.revokedAt?.toISOString() ?? null,
      },
      position,
    };
  }
}
