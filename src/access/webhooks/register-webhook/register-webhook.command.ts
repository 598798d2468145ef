// Registers a webhook endpoint for the calling company (POST /v1/webhooks).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { WebhookView } from '../webhook.view';

export interface RegisteredWebhook {
  webhook: WebhookView;
  /** The clear signing secret, to show once. */
  secret: string;
  position: LogPosition;
}

export class RegisterWebhookCommand extends Command<RegisteredWebhook> {
  constructor(
    readonly companyId: string,
    readonly input: { url: string; events: readonly string[] },
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
