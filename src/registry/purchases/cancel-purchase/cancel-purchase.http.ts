// POST /v1/purchases/:id/cancel (the buying company, operators): → `cancelled`, units available
// again. Only while reserved: a settled or expired purchase answers 409 REGISTRY.PURCHASE_NOT_RESERVED.
import { Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EventMetadata, formatPosition } from '@lib/event-store';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import type { Actor } from '../../../access/auth/actor';
import { CommandMeta, CurrentActor } from '../../../access/auth/request-params.decorators';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { PurchaseView } from '../purchase.view';
import { CancelPurchaseCommand } from './cancel-purchase.command';

@ApiTags('purchases')
@Controller('v1/purchases')
export class CancelPurchaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('company', 'operator')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: PurchaseView, description: 'Cancelled (also when it already was); its units are available again' })
  @ApiNotFoundResponse({ description: 'No such purchase, or not yours (REGISTRY.PURCHASE_NOT_FOUND)' })
  @ApiConflictResponse({ description: 'Settled or expired (REGISTRY.PURCHASE_NOT_RESERVED)' })
  async cancel(
    @Param('id', UuidParamPipe) purchaseId: string,
    @CurrentActor() actor: Actor,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PurchaseView> {
    const { purchase, position } = await this.commands.execute(new CancelPurchaseCommand(purchaseId, actor, metadata));
    if (position !== null) void reply.header('X-Log-Position', formatPosition(position));
    return purchase;
  }
}
