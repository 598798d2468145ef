// POST /v1/transfers (company): `{batchId, toCompanyId, quantityKg}` moves the sender's lowest held
// units of that batch. Not enough held → 422 REGISTRY.INSUFFICIENT_HOLDING; unknown recipient →
// 422 REGISTRY.RECIPIENT_NOT_FOUND; to itself → 422 REGISTRY.SELF_TRANSFER.
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiProperty, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { EventMetadata, formatPosition } from '@lib/event-store';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import type { Actor } from '../../../access/auth/actor';
import { CommandMeta, CurrentActor } from '../../../access/auth/request-params.decorators';
import { companyOf } from '../../purchases/market-actor';
import { TransferView } from '../transfer.view';
import { TransferCreditsCommand } from './transfer-credits.command';

export class TransferCreditsRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  batchId!: string;

  @ApiProperty({ format: 'uuid', description: 'The receiving company' })
  @IsUUID('all')
  toCompanyId!: string;

  @ApiProperty({ example: 500 })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  quantityKg!: number;
}

@ApiTags('transfers')
@Controller('v1/transfers')
export class TransferCreditsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('company')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: TransferView, description: 'Moved; `X-Log-Position` tells GETs how far to wait (`?minPosition=`)' })
  @ApiNotFoundResponse({ description: 'No such batch (REGISTRY.BATCH_NOT_FOUND)' })
  @ApiUnprocessableEntityResponse({ description: 'REGISTRY.INSUFFICIENT_HOLDING, REGISTRY.RECIPIENT_NOT_FOUND or REGISTRY.SELF_TRANSFER' })
  async transfer(
    @Body() body: TransferCreditsRequest,
    @CurrentActor() actor: Actor,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TransferView> {
    const input = { batchId: body.batchId.toLowerCase(), fromCompanyId: companyOf(actor), toCompanyId: body.toCompanyId.toLowerCase(), quantityKg: body.quantityKg };
    const { transfer, position } = await this.commands.execute(new TransferCreditsCommand(input, metadata));
    void reply.header('X-Log-Position', formatPosition(position));
    return transfer;
  }
}
