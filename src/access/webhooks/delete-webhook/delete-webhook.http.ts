// DELETE /v1/webhooks/:id (company, own endpoints): nothing is delivered to it any more.
import { Controller, Delete, HttpCode, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EventMetadata } from '@lib/event-store';
import { formatPosition } from '@lib/event-store';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/access.decorators';
import type { Actor } from '../../auth/actor';
import { CommandMeta, CurrentActor } from '../../auth/request-params.decorators';
import { UuidParamPipe } from '../../http/uuid-param.pipe';
import { WebhookView } from '../webhook.view';
import { DeleteWebhookCommand } from './delete-webhook.command';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class DeleteWebhookController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id')
  @HttpCode(200)
  @Roles('company')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: WebhookView, description: 'Deleted (also when it already was)' })
  @ApiNotFoundResponse({ description: 'No such webhook, or not yours (WEBHOOKS.NOT_FOUND)' })
  async remove(
    @Param('id', UuidParamPipe) webhookId: string,
    @CurrentActor() actor: Actor,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookView> {
    if (actor.companyId === null) throw new Error('A company key without a company id passed the guard');
    const { webhook, position } = await this.commands.execute(new DeleteWebhookCommand(actor.companyId, webhookId, metadata));
    if (position !== null) void reply.header('X-Log-Position', formatPosition(position));
    return webhook;
  }
}
