// Events and state of one webhook endpoint (stream `webhook-{id}`). The signing secret is never in
// an event: it lives encrypted in the `webhooks` table (webhook.store.ts), like API key hashes.

export const WEBHOOK_STREAM_PREFIX = 'webhook-';

export function webhookStreamId(webhookId: string): string {
  return `${WEBHOOK_STREAM_PREFIX}${webhookId}`;
}

/** What a company can subscribe to (DESIGN §4); names are part of the public API. */
export const WEBHOOK_EVENT_NAMES = ['purchase.reserved', 'purchase.settled', 'purchase.expired', 'transfer.received', 'retirement.completed'] as const;

export type WebhookEventName = (typeof WEBHOOK_EVENT_NAMES)[number];

export function isWebhookEventName(value: unknown): value is WebhookEventName {
  return typeof value === 'string' && (WEBHOOK_EVENT_NAMES as readonly string[]).includes(value);
}

export interface WebhookRegisteredData {
  webhookId: string;
  companyId: string;
  url: string;
  events: WebhookEventName[];
}

export type WebhookEvent =
  | { type: 'WebhookRegistered'; data: WebhookRegisteredData }
  | { type: 'WebhookDeleted'; data: { webhookId: string; companyId: string } };

/**
 * - `none`: no event yet.
 * - `active`: deliveries go to `url` for `events`.
 * - `deleted`: final; nothing is delivered any more.
 */
export type WebhookState =
  | { status: 'none' }
  | ({ status: 'active' } & WebhookRegisteredData)
  | ({ status: 'deleted' } & WebhookRegisteredData);
