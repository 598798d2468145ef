import { deciderSpec } from '@lib/kernel/testing';
import { InvalidWebhookEvents, InvalidWebhookUrl, WebhookNotFound } from './webhooks.errors';
import { RegisterWebhook, webhookDecider } from './webhook.decider';
import type { WebhookEvent } from './webhook.events';

const webhookId = '0190f1c2-0000-7000-8000-0000000000f1';
const companyId = '0190f1c2-0000-7000-8000-000000000001';
const otherCompanyId = '0190f1c2-0000-7000-8000-000000000002';

function registerCommand(overrides: Partial<RegisterWebhook> = {}): RegisterWebhook {
  return { type: 'RegisterWebhook', webhookId, companyId, url: 'https://hooks.example.com/rcc', events: ['purchase.settled'], ...overrides };
}

const registered: WebhookEvent = {
  type: 'WebhookRegistered',
  data: { webhookId, companyId, url: 'https://hooks.example.com/rcc', events: ['purchase.settled'] },
};
const deleted: WebhookEvent = { type: 'WebhookDeleted', data: { webhookId, companyId } };

describe('webhook decider', () => {
  it('register_WhenNew_ThenWebhookRegistered', () => {
    deciderSpec(webhookDecider).given([]).when(registerCommand()).then([registered]);
  });

  it('register_WhenEventsUnordered_ThenStoredInCanonicalOrder', () => {
    deciderSpec(webhookDecider)
      .given([])
      .when(registerCommand({ events: ['retirement.completed', 'purchase.reserved'] }))
      .then([{ type: 'WebhookRegistered', data: { ...registered.data, events: ['purchase.reserved', 'retirement.completed'] } }]);
  });

  it('register_WhenUrlHasUpperCaseHost_ThenCanonicalHref', () => {
    deciderSpec(webhookDecider)
      .given([])
      .when(registerCommand({ url: 'HTTP://Hooks.Example.COM:8080/a?b=1' }))
      .then([{ type: 'WebhookRegistered', data: { ...registered.data, url: 'http://hooks.example.com:8080/a?b=1' } }]);
  });

  it('register_WhenNotHttpOrMalformed_ThenInvalidUrl', () => {
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'javascript:alert(1)', 'gopher://example.com', 'example.com/hook', '', `https://example.com/${'a'.repeat(2048)}`]) {
      deciderSpec(webhookDecider).given([]).when(registerCommand({ url })).thenThrows(InvalidWebhookUrl);
    }
  });

  it('register_WhenCredentialsOrFragment_ThenInvalidUrl', () => {
    for (const url of ['https://user:pass@example.com/hook', 'https://user@example.com/hook', 'https://example.com/hook#part']) {
      deciderSpec(webhookDecider).given([]).when(registerCommand({ url })).thenThrows(InvalidWebhookUrl);
    }
  });

  it('register_WhenEventsEmptyUnknownOrRepeated_ThenInvalidEvents', () => {
    for (const events of [[], ['purchase.created'], ['purchase.settled', 'purchase.settled'], ['PURCHASE.SETTLED']]) {
      deciderSpec(webhookDecider).given([]).when(registerCommand({ events })).thenThrows(InvalidWebhookEvents);
    }
  });

  it('register_WhenSameRegistrationRetried_ThenNothingNew_WhenDifferent_ThenRefused', () => {
    deciderSpec(webhookDecider).given([registered]).when(registerCommand()).then([]);
    deciderSpec(webhookDecider).given([registered]).when(registerCommand({ url: 'https://other.example.com/' })).thenThrows(InvalidWebhookUrl);
  });

  it('delete_WhenActiveAndOwn_ThenWebhookDeleted_WhenAlreadyDeleted_ThenNothing', () => {
    deciderSpec(webhookDecider).given([registered]).when({ type: 'DeleteWebhook', webhookId, companyId }).then([deleted]);
    deciderSpec(webhookDecider).given([registered, deleted]).when({ type: 'DeleteWebhook', webhookId, companyId }).then([]);
  });

  it('delete_WhenMissingOrAnotherCompanys_ThenTheSameNotFound', () => {
    deciderSpec(webhookDecider).given([]).when({ type: 'DeleteWebhook', webhookId, companyId }).thenThrows(WebhookNotFound);
    deciderSpec(webhookDecider).given([registered]).when({ type: 'DeleteWebhook', webhookId, companyId: otherCompanyId }).thenThrows(WebhookNotFound);
  });

  it('evolve_WhenDeleted_ThenStatusDeletedKeepsTheRegistration', () => {
    const state = [registered, deleted].reduce(webhookDecider.evolve, webhookDecider.initialState());
    expect(state).toEqual({ status: 'deleted', ...registered.data });
  });
});
