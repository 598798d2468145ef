// POST /v1/purchases (company): reserve `quantityKg` of a batch → `reserved`, `amount`, `invoiceRef`,
// `reservedUntil`. Not enough units available → 422 REGISTRY.INSUFFICIENT_UNITS.
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiProperty, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { EventMetadata, formatPosition } from '@lib/event-store';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import type { Actor } from '../../../access/auth/actor';
import { CommandMeta, CurrentActor } from '../../../access/auth/request-params.decorators';
import { companyOf } from '../market-actor';
import { PurchaseView } from '../purchase.view';
import { ReserveCreditsCommand } from './reserve-credits.command';

export class ReserveCreditsRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  batchId!: string;

  @ApiProperty({ example: 2500, description: 'Whole kilograms (1 unit = 1 kg)' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  quantityKg!: number;
}

@ApiTags('purchases')
@Controller('v1/purchases')
export class ReserveCreditsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('company')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: PurchaseView, description: 'Reserved; `X-Log-Position` tells GETs how far to wait (`?minPosition=`)' })
  @ApiNotFoundResponse({ description: 'No such batch (REGISTRY.BATCH_NOT_FOUND)' })
  @ApiUnprocessableEntityResponse({ description: 'Not enough units available (REGISTRY.INSUFFICIENT_UNITS)' })
  async reserve(
    @Body() body: ReserveCreditsRequest,
    @CurrentActor() actor: Actor,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PurchaseView> {
    const { purchase, position } = await this.commands.execute(
      new ReserveCreditsCommand({ batchId: body.batchId.toLowerCase(), companyId: companyOf(actor), quantityKg: body.quantityKg }, metadata),
    );
    void reply.header('X-Log-Position', formatPosition(position)).header('Location', `/v1/purchases/${purchase.id}`);
    return purchase;
  }
}
