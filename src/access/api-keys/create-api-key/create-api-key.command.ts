// Creates an API key (DESIGN §4, POST /v1/api-keys, admin only).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata } from '@lib/event-store';
import type { ApiKeyRequest, IssuedKey } from '../api-key-issuer';

export class CreateApiKeyCommand extends Command<IssuedKey> {
  constructor(
    readonly request: ApiKeyRequest,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
