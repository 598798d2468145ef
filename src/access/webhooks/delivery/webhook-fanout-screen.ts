// The webhook dispatcher's screen (JobScreen): a batch of notifications becomes fan-out jobs only
// for companies with an endpoint that could receive them, found with one query per batch. Why:
// most companies register no endpoint, and every reservation, settlement or transfer still cost a
// fan-out job (queue round trips) that ran a query to find nobody.
// It never drops a job the fan-out would act on, but for one race the fan-out's own timing has
// too: an endpoint whose registration commits only after the screen ran, for an event that
// happened after its `created_at`. Endpoints deleted in between are left to the fan-out's query.
import { isUuid } from '@lib/kernel';
import type { JobScreen, JobToAdd } from '@lib/jobs';
import type { WebhookRow, WebhookStore } from '../webhook.store';
import { WEBHOOK_FANOUT_QUEUE, WebhookNotification } from './webhook-notifications';

type Subscription = Pick<WebhookRow, 'companyId' | 'events' | 'createdAt'>;

export function webhookFanoutScreen(webhooks: Pick<WebhookStore, 'subscriptionsOf'>): JobScreen {
  return async (jobs) => {
    const fanouts = jobs.filter((job) => job.queue === WEBHOOK_FANOUT_QUEUE);
    if (fanouts.length === 0) return jobs;
    const byCompany = new Map<string, Subscription[]>();
    for (const subscription of await webhooks.subscriptionsOf(fanouts.map((job) => notificationOf(job).companyId))) {
      const known = byCompany.get(subscription.companyId);
      if (known === undefined) byCompany.set(subscription.companyId, [subscription]);
      else known.push(subscription);
    }
    return jobs.filter((job) => job.queue !== WEBHOOK_FANOUT_QUEUE || mayBeDelivered(notificationOf(job), byCompany));
  };
}

function mayBeDelivered(notification: WebhookNotification, byCompany: ReadonlyMap<string, Subscription[]>): boolean {
  const happenedMs = Date.parse(notification.createdAt);
  // Only sure no-ops are dropped: a malformed company or time is left to the fan-out.
  if (!isUuid(notification.companyId) || Number.isNaN(happenedMs)) return true;
  const subscriptions = byCompany.get(notification.companyId.toLowerCase()) ?? [];
  // created_at arrives cut to the millisecond, so this keeps every endpoint the fan-out's exact test keeps.
  return subscriptions.some((subscription) => subscription.events.includes(notification.name) && subscription.createdAt.getTime() <= happenedMs);
}

function notificationOf(job: JobToAdd): WebhookNotification {
  return job.data as WebhookNotification;
}
