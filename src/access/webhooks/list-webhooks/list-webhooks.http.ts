// GET /v1/webhooks (company): the calling company's active endpoints, oldest first, paginated.
// Secrets are never listed (R11: only the company's own endpoints exist for it).
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { isUuid } from '@lib/kernel';
import { Roles } from '../../auth/access.decorators';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/request-params.decorators';
import { decodeCursor, encodeCursor, PageQueryDto, pageSize } from '../../http/page-query.dto';
import { RequestValidationFailed } from '../../../ops/http/request.errors';
import { WebhookStore } from '../webhook.store';
import { WebhookView, webhookViewOf } from '../webhook.view';

export class WebhookPage {
  @ApiProperty({ type: WebhookView, isArray: true })
  items!: WebhookView[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last page' })
  nextCursor!: string | null;
}

function afterIdOf(cursor: string | undefined): string | null {
  if (cursor === undefined) return null;
  const decoded = decodeCursor(cursor);
  const after = typeof decoded === 'object' && decoded !== null ? (decoded as { after?: unknown }).after : undefined;
  if (!isUuid(after)) throw new RequestValidationFailed({ cursor: ['cursor must be a cursor returned by a previous page'] });
  return after;
}

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class ListWebhooksController {
  constructor(private readonly webhooks: WebhookStore) {}

  @Get()
  @Roles('company')
  @ApiOkResponse({ type: WebhookPage })
  async list(@Query() query: PageQueryDto, @CurrentActor() actor: Actor): Promise<WebhookPage> {
    if (actor.companyId === null) throw new Error('A company key without a company id passed the guard');
    const limit = pageSize(query);
    // One row more than the page tells whether another page follows.
    const rows = await this.webhooks.listActive(actor.companyId, limit + 1, afterIdOf(query.cursor));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(webhookViewOf), nextCursor: rows.length > limit && last !== undefined ? encodeCursor({ after: last.id }) : null };
  }
}
