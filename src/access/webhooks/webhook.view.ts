// What the API shows of a webhook endpoint. The signing secret appears once, in the creation answer.
import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_EVENT_NAMES, WebhookEventName } from './webhook.events';
import type { WebhookRow } from './webhook.store';

export class WebhookView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'https://erp.volta-cells.example/rcc-webhooks' })
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_NAMES, isArray: true })
  events!: WebhookEventName[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class CreatedWebhookView extends WebhookView {
  @ApiProperty({
    example: 'whsec_3q2-7wEv1n1h4hJc0rDqA2k9bLxYwq1c0m5yT8pZs1E',
    nullable: true,
    type: String,
    description: 'Signing secret, shown only in this answer (null in an idempotent replay): verify X-RCC-Signature with it',
  })
  secret!: string | null;
}

export function webhookViewOf(row: Pick<WebhookRow, 'id' | 'url' | 'events' | 'createdAt'>): WebhookView {
  return { id: row.id, url: row.url, events: row.events, createdAt: row.createdAt.toISOString() };
}
