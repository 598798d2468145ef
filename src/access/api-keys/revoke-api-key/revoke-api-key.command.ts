// Revokes an API key (DESIGN §4, DELETE /v1/api-keys/:id, admin only). Revoking twice is harmless.
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { ApiKeyView } from '../api-key.view';

export interface RevokedApiKey {
  view: ApiKeyView;
  position: LogPosition | null;
}

export class RevokeApiKeyCommand extends Command<RevokedApiKey> {
  constructor(
    readonly keyId: string,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
