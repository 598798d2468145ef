// The fan-out job: one notification → one delivery job per subscribed endpoint of the company
// concerned (R11: never another company's). Job ids `<eventId>-<webhookId>` make a re-run add nothing.
import { Inject, Injectable } from '@nestjs/common';
import type { JobQueues, QueuedJob } from '@lib/jobs';
import { JOB_QUEUES } from '../../../ops/platform/platform.tokens';
import { WebhookStore } from '../webhook.store';
import { WEBHOOK_DELIVERY_QUEUE, WebhookNotification } from './webhook-notifications';

/** A delivery job: the notification for one endpoint. The secret is read at delivery, never queued. */
export interface WebhookDeliveryJob extends WebhookNotification {
  webhookId: string;
}

export function deliveryJobId(eventId: string, webhookId: string): string {
  return `${eventId}-${webhookId}`;
}

@Injectable()
export class WebhookFanout {
  constructor(
    private readonly webhooks: WebhookStore,
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
  ) {}

  async run(job: QueuedJob<WebhookNotification>): Promise<{ deliveries: number }> {
    const notification = job.data;
    const webhookIds = await this.webhooks.subscriberIds(notification.companyId, notification.name, notification.createdAt);
    for (const webhookId of webhookIds) {
      const data: WebhookDeliveryJob = { ...notification, webhookId };
      await this.queues.add({ queue: WEBHOOK_DELIVERY_QUEUE, name: 'deliver', data, jobId: deliveryJobId(notification.eventId, webhookId), delayMs: 0 });
    }
    return { deliveries: webhookIds.length };
  }
}
