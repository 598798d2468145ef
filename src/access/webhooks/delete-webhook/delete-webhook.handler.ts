// webhook-{id}: record WebhookDeleted, then stop deliveries by marking the row. A retry after a
// failure between the two finds the event recorded (no new one) and marks the row again.
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideOnStream, EventStore } from '@lib/event-store';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { WebhookNotFound } from '../webhooks.errors';
import { webhookDecider } from '../webhook.decider';
import { webhookStreamId } from '../webhook.events';
import { WebhookStore } from '../webhook.store';
import { webhookViewOf } from '../webhook.view';
import { DeletedWebhook, DeleteWebhookCommand } from './delete-webhook.command';

@CommandHandler(DeleteWebhookCommand)
export class DeleteWebhookHandler implements ICommandHandler<DeleteWebhookCommand, DeletedWebhook> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly webhooks: WebhookStore,
  ) {}

  async execute({ companyId, webhookId, metadata }: DeleteWebhookCommand): Promise<DeletedWebhook> {
    const row = await this.webhooks.find(webhookId);
    // Another company's endpoint answers exactly like a missing one (R11), before anything is read.
    if (row === null || row.companyId !== companyId) throw new WebhookNotFound();
    const { position } = await decideOnStream(this.eventStore, webhookStreamId(webhookId), webhookDecider, { type: 'DeleteWebhook', webhookId, companyId }, metadata);
    await this.webhooks.markDeleted(webhookId, new Date(metadata.occurredAt));
    return { webhook: webhookViewOf(row), position };
  }
}
