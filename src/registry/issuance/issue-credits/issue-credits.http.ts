// POST /v1/milestones/:id/issuances (operator): `{quantityKg, vintage, price}` → the new batch
// with its number and serial block. At most the milestone's verified quantity in total (R4).
import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiProperty, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { EventMetadata } from '@lib/event-store';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import { CommandMeta } from '../../../access/auth/request-params.decorators';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { BatchView } from '../../batches/batch.view';
import { positionHeader } from '../../shared/command-position';
import { MoneyRequest, toMoney } from '../../shared/money.request';
import { IssueCreditsCommand } from './issue-credits.command';

export class IssueCreditsRequest {
  @ApiProperty({ example: 2500, minimum: 1, description: 'Whole kg; with earlier issuances at most the verified quantity' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  quantityKg!: number;

  @ApiProperty({ example: 2023, description: 'Production year, within the milestone period' })
  @IsInt()
  @Min(1000)
  @Max(9999)
  vintage!: number;

  @ApiProperty({ type: MoneyRequest, description: 'Price per tonne, e.g. {"currency":"USD","value":480000}' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyRequest)
  price!: MoneyRequest;
}

@ApiTags('batches')
@Controller('v1/milestones')
export class IssueCreditsController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/issuances')
  @HttpCode(201)
  @Roles('operator')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Recommended: a retry after a failure then continues the same issuance' })
  @ApiCreatedResponse({ type: BatchView })
  @ApiNotFoundResponse({ description: 'No such milestone (REGISTRY.MILESTONE_NOT_FOUND)' })
  @ApiUnprocessableEntityResponse({
    description: 'Not verified, above the verified quantity, or vintage outside the period (REGISTRY.MILESTONE_NOT_VERIFIED, REGISTRY.ISSUANCE_EXCEEDS_VERIFIED, REGISTRY.INVALID_VINTAGE)',
  })
  async issue(
    @Param('id', UuidParamPipe) milestoneId: string,
    @Body() body: IssueCreditsRequest,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BatchView> {
    const input = { quantityKg: body.quantityKg, vintage: body.vintage, pricePerTonne: toMoney(body.price) };
    const { batch, position } = await this.commands.execute(new IssueCreditsCommand(milestoneId, input, metadata));
    const header = positionHeader(position);
    if (header !== undefined) void reply.header('X-Log-Position', header);
    void reply.header('Location', `/v1/batches/${batch.id}`);
    return batch;
  }
}
