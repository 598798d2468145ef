// Webhooks (DESIGN §3.5, §4): companies register endpoints for their purchase, transfer and
// retirement events; deliveries are signed (HMAC-SHA256), retried with backoff and logged.
import { Module } from '@nestjs/common';
import type { AppConfig } from '../../ops/config/app-config';
import { APP_CONFIG } from '../../ops/platform/platform.tokens';
import { AccessConfigModule } from '../access-config.module';
import { DeleteWebhookHandler } from './delete-webhook/delete-webhook.handler';
import { DeleteWebhookController } from './delete-webhook/delete-webhook.http';
import { WebhookDeliveriesStore } from './delivery/webhook-deliveries.store';
import { WebhookDelivery } from './delivery/webhook-delivery';
import { WebhookFanout } from './delivery/webhook-fanout';
import { WebhookJobsHost } from './delivery/webhook-jobs.host';
import { ListWebhooksController } from './list-webhooks/list-webhooks.http';
import { RegisterWebhookHandler } from './register-webhook/register-webhook.handler';
import { RegisterWebhookController } from './register-webhook/register-webhook.http';
import { loadWebhooksConfig, WebhooksConfig } from './webhooks-config';
import { WEBHOOKS_CONFIG } from './webhooks.tokens';
import { WebhookSecretBox } from './webhook-secret-box';
import { WebhookStore } from './webhook.store';

const configuration = [
  { provide: WEBHOOKS_CONFIG, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadWebhooksConfig(config.environment) },
  { provide: WebhookSecretBox, inject: [WEBHOOKS_CONFIG], useFactory: (config: WebhooksConfig) => new WebhookSecretBox(config.secretKey) },
];
const endpoints = [WebhookStore, RegisterWebhookHandler, DeleteWebhookHandler];
const delivery = [WebhookDeliveriesStore, WebhookFanout, WebhookDelivery, WebhookJobsHost];

@Module({
  imports: [AccessConfigModule],
  controllers: [RegisterWebhookController, ListWebhooksController, DeleteWebhookController],
  providers: [...configuration, ...endpoints, ...delivery],
})
export class WebhooksModule {}
