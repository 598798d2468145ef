// PUT /v1/batches/:id/price (operator): `{price: {currency, value}}` per tonne, for purchases made
// from now on; the currency is the batch's (R5).
import { Body, Controller, HttpCode, Param, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { EventMetadata } from '@lib/event-store';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import { CommandMeta } from '../../../access/auth/request-params.decorators';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { positionHeader } from '../../shared/command-position';
import { MoneyRequest, toMoney } from '../../shared/money.request';
import { BatchView } from '../batch.view';
import { RepriceBatchCommand } from './reprice-batch.command';

export class RepriceBatchRequest {
  @ApiProperty({ type: MoneyRequest, description: 'New price per tonne, in the batch currency' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyRequest)
  price!: MoneyRequest;
}

@ApiTags('batches')
@Controller('v1/batches')
export class RepriceBatchController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/price')
  @HttpCode(200)
  @Roles('operator')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: BatchView, description: 'Repriced (the same price again changes nothing)' })
  @ApiNotFoundResponse({ description: 'No such batch (REGISTRY.BATCH_NOT_FOUND)' })
  async reprice(
    @Param('id', UuidParamPipe) batchId: string,
    @Body() body: RepriceBatchRequest,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BatchView> {
    const { batch, position } = await this.commands.execute(new RepriceBatchCommand(batchId, toMoney(body.price), metadata));
    const header = positionHeader(position);
    if (header !== undefined) void reply.header('X-Log-Position', header);
    return batch;
  }
}
