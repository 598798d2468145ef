// Deletes one of the calling company's webhook endpoints (DELETE /v1/webhooks/:id).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { WebhookView } from '../webhook.view';

export interface DeletedWebhook {
  webhook: WebhookView;
  /** Null when it was already deleted (nothing new recorded). */
  position: LogPosition | null;
}

export class DeleteWebhookCommand extends Command<DeletedWebhook> {
  constructor(
    readonly companyId: string,
    readonly webhookId: string,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
