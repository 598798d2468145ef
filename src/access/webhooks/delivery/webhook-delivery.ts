// The delivery job: sign the notification with the endpoint's secret and POST it. A non-2xx answer,
// a timeout or a connection error is logged and thrown, so BullMQ retries with exponential backoff.
// An endpoint deleted meanwhile is skipped (logged, not retried).
import { performance } from 'perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@lib/kernel';
import type { QueuedJob } from '@lib/jobs';
import { CLOCK } from '../../access.tokens';
import type { WebhooksConfig } from '../webhooks-config';
import { WEBHOOKS_CONFIG } from '../webhooks.tokens';
import { WebhookSecretBox } from '../webhook-secret-box';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from '../webhook-signature';
import { WebhookStore } from '../webhook.store';
import { resolveTarget } from '../webhook-target';
import { DeliveryOutcome, WebhookDeliveriesStore } from './webhook-deliveries.store';
import type { WebhookDeliveryJob } from './webhook-fanout';
import { postJson, PostOutcome } from './webhook-http-client';

export class WebhookDeliveryFailed extends Error {
  constructor(reason: string) {
    super(`Webhook delivery failed: ${reason}`);
    this.name = 'WebhookDeliveryFailed';
  }
}

/** The JSON body receivers get; its exact bytes are what the signature covers. */
export function deliveryBody(job: WebhookDeliveryJob): string {
  return JSON.stringify({ id: job.eventId, type: job.name, createdAt: job.createdAt, data: job.data });
}

@Injectable()
export class WebhookDelivery {
  constructor(
    private readonly webhooks: WebhookStore,
    private readonly deliveries: WebhookDeliveriesStore,
    private readonly secrets: WebhookSecretBox,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(job: QueuedJob<WebhookDeliveryJob>): Promise<DeliveryOutcome> {
    const delivery = job.data;
    const attempt = job.attemptsMade + 1;
    const startedMs = performance.now();
    const attemptedAt = this.clock.now();
    const log = (outcome: DeliveryOutcome, result: PostOutcome) =>
      this.deliveries.record({
        webhookId: delivery.webhookId,
        companyId: delivery.companyId,
        eventId: delivery.eventId,
        eventName: delivery.name,
        attempt,
        outcome,
        httpStatus: result.httpStatus,
        durationMs: performance.now() - startedMs,
        error: result.error,
        attemptedAt,
      });

    const webhook = await this.webhooks.find(delivery.webhookId);
    if (webhook === null || webhook.deletedAt !== null) {
      await log('skipped', { httpStatus: null, error: 'the webhook was deleted' });
      return 'skipped';
    }
    let secret: string;
    try {
      secret = this.secrets.open(webhook.id, webhook.secretSealed);
    } catch (error) {
      // Logged like any failed attempt; retried, since fixing WEBHOOK_SECRET_KEY makes it deliverable.
      const reason = error instanceof Error ? error.message : String(error);
      await log('failed', { httpStatus: null, error: reason });
      throw new WebhookDeliveryFailed(reason);
    }
    const result = await this.attempt(new URL(webhook.url), secret, delivery);
    const delivered = result.httpStatus !== null && result.httpStatus >= 200 && result.httpStatus < 300;
    await log(delivered ? 'delivered' : 'failed', result);
    if (!delivered) throw new WebhookDeliveryFailed(result.error ?? `the endpoint answered ${result.httpStatus}`);
    return 'delivered';
  }

  private async attempt(url: URL, secret: string, delivery: WebhookDeliveryJob): Promise<PostOutcome> {
    let addresses;
    try {
      // Checked on every attempt: the host's addresses may have changed since registration.
      addresses = await resolveTarget(url, this.config);
    } catch (error) {
      return { httpStatus: null, error: error instanceof Error ? error.message : String(error) };
    }
    const body = deliveryBody(delivery);
    const timestampSeconds = Math.floor(this.clock.now().getTime() / 1000);
    return postJson(url, body, {
      headers: {
        [SIGNATURE_HEADER]: signatureHeader(secret, timestampSeconds, body),
        [EVENT_ID_HEADER]: delivery.eventId,
        'User-Agent': 'rcc-registry-webhooks/1',
      },
      timeoutMs: this.config.timeoutMs,
      addresses,
    });
  }
}
