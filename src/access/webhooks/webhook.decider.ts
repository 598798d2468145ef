// Business rules of webhook endpoints: pure, no I/O (address resolution is the handler's job).
import type { Decider } from '@lib/kernel';
import { InvalidWebhookEvents, InvalidWebhookUrl, WebhookNotFound } from './webhooks.errors';
import { isWebhookEventName, WEBHOOK_EVENT_NAMES, WebhookEvent, WebhookEventName, WebhookState } from './webhook.events';

export interface RegisterWebhook {
  type: 'RegisterWebhook';
  webhookId: string;
  companyId: string;
  url: string;
  events: readonly string[];
}

export interface DeleteWebhook {
  type: 'DeleteWebhook';
  webhookId: string;
  companyId: string;
}

export type WebhookCommand = RegisterWebhook | DeleteWebhook;

export const WEBHOOK_URL_MAX_LENGTH = 2048;

/**
 * The canonical form of a webhook URL, or a refusal: http(s) only, a host, no credentials (they
 * would travel to the target and sit in our logs), no fragment (never sent over HTTP anyway).
 */
export function normaliseWebhookUrl(text: string): URL {
  if (text.length === 0 || text.length > WEBHOOK_URL_MAX_LENGTH) throw new InvalidWebhookUrl(`1 to ${WEBHOOK_URL_MAX_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidWebhookUrl('not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidWebhookUrl('only http and https URLs are accepted');
  if (url.hostname === '') throw new InvalidWebhookUrl('a host is required');
  if (url.username !== '' || url.password !== '') throw new InvalidWebhookUrl('credentials in the URL are not accepted');
  if (url.hash !== '') throw new InvalidWebhookUrl('a fragment is not accepted');
  if (url.href.length > WEBHOOK_URL_MAX_LENGTH) throw new InvalidWebhookUrl(`1 to ${WEBHOOK_URL_MAX_LENGTH} characters`);
  return url;
}

/** Known names, each once, in the order of WEBHOOK_EVENT_NAMES so equal subscriptions look equal. */
export function normaliseWebhookEvents(events: readonly string[]): WebhookEventName[] {
  if (events.length === 0) throw new InvalidWebhookEvents('subscribe to at least one event');
  const unknown = events.filter((name) => !isWebhookEventName(name));
  if (unknown.length > 0) throw new InvalidWebhookEvents(`unknown event names (known: ${WEBHOOK_EVENT_NAMES.join(', ')})`);
  if (new Set(events).size !== events.length) throw new InvalidWebhookEvents('an event name is listed twice');
  return WEBHOOK_EVENT_NAMES.filter((name) => events.includes(name));
}

function register(command: RegisterWebhook, state: WebhookState): WebhookEvent[] {
  const url = normaliseWebhookUrl(command.url).href;
  const events = normaliseWebhookEvents(command.events);
  if (state.status !== 'none') {
    // The same registration again (a retried request with this id) changes nothing.
    const same = state.companyId === command.companyId && state.url === url && state.events.join() === events.join();
    if (same) return [];
    throw new InvalidWebhookUrl('this webhook id is already registered');
  }
  return [{ type: 'WebhookRegistered', data: { webhookId: command.webhookId, companyId: command.companyId, url, events } }];
}

function remove(command: DeleteWebhook, state: WebhookState): WebhookEvent[] {
  // Another company's webhook answers exactly like a missing one (R11).
  if (state.status === 'none' || state.companyId !== command.companyId) throw new WebhookNotFound();
  if (state.status === 'deleted') return [];
  return [{ type: 'WebhookDeleted', data: { webhookId: state.webhookId, companyId: state.companyId } }];
}

export const webhookDecider: Decider<WebhookCommand, WebhookState, WebhookEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'WebhookRegistered':
        return { status: 'active', ...event.data };
      case 'WebhookDeleted':
        return state.status === 'none' ? state : { ...state, status: 'deleted' };
      default: {
        // Never throw on a recorded fact: an event type this code does not know leaves the state as is.
        const unknown: never = event;
        void unknown;
        return state;
      }
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'RegisterWebhook':
        return register(command, state);
      case 'DeleteWebhook':
        return remove(command, state);
      default: {
        const unreachable: never = command;
        throw new Error(`Unknown webhook command ${JSON.stringify(unreachable)}`);
      }
    }
  },
};
