// webhook-{new id}: check the rules and the target, store the endpoint with its sealed secret,
// then record WebhookRegistered. The row comes first so that an endpoint whose event is recorded
// can always sign; if the append fails the row is removed again and nothing was registered.
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideOnStream, EventStore } from '@lib/event-store';
import { newId } from '@lib/kernel';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import type { WebhooksConfig } from '../webhooks-config';
import { TooManyWebhooks } from '../webhooks.errors';
import { WEBHOOKS_CONFIG } from '../webhooks.tokens';
import { RegisterWebhook, webhookDecider } from '../webhook.decider';
import { webhookStreamId } from '../webhook.events';
import { newWebhookSecret, WebhookSecretBox } from '../webhook-secret-box';
import { WebhookStore } from '../webhook.store';
import { resolveTarget } from '../webhook-target';
import { RegisteredWebhook, RegisterWebhookCommand } from './register-webhook.command';

@CommandHandler(RegisterWebhookCommand)
export class RegisterWebhookHandler implements ICommandHandler<RegisterWebhookCommand, RegisteredWebhook> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
    private readonly secrets: WebhookSecretBox,
    private readonly webhooks: WebhookStore,
  ) {}

  async execute({ companyId, input, metadata }: RegisterWebhookCommand): Promise<RegisteredWebhook> {
    const webhookId = newId();
    const command: RegisterWebhook = { type: 'RegisterWebhook', webhookId, companyId, url: input.url, events: input.events };
    // The pure rules first: a malformed URL is refused before any DNS lookup is made for it.
    const [decided] = webhookDecider.decide(command, webhookDecider.initialState());
    if (decided.type !== 'WebhookRegistered') throw new Error('RegisterWebhook decided no registration');
    await resolveTarget(new URL(decided.data.url), this.config);

    const secret = newWebhookSecret();
    const createdAt = new Date(metadata.occurredAt);
    const row = { ...decided.data, id: webhookId, secretSealed: this.secrets.seal(webhookId, secret), createdAt, createdBy: metadata.actorKeyId };
    if ((await this.webhooks.insertWithinLimit(row, this.config.maxPerCompany)) === 'limit_reached') {
      throw new TooManyWebhooks(this.config.maxPerCompany);
    }
    try {
      const { state, position } = await decideOnStream(this.eventStore, webhookStreamId(webhookId), webhookDecider, command, metadata);
      if (state.status !== 'active' || position === null) throw new Error('RegisterWebhook appended nothing');
      return { webhook: { id: webhookId, url: state.url, events: state.events, createdAt: createdAt.toISOString() }, secret, position };
    } catch (error) {
      await this.webhooks.delete(webhookId);
      throw error;
    }
  }
}
