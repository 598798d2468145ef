// POST /v1/allocations (operator): record a committee decision `{siteId, source, category, amount,
// project, committeeRef, decidedAt}`; source is `{type:"credit_sales"}` or `{type:"grant", grantId}`.
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiProperty, ApiPropertyOptional, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { EventMetadata } from '@lib/event-store';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import { CommandMeta } from '../../../access/auth/request-params.decorators';
import { RequestValidationFailed } from '../../../ops/http/request.errors';
import { positionHeader } from '../../../registry/shared/command-position';
import { FundingAmountRequest, FundingAmountType, toMoney } from '../../pools/funding-money';
import { FUNDING_SOURCE_TYPES, FundingSource, FundingSourceType } from '../../pools/funding-source';
import { FUNDING_TEXT_MAX_LENGTH } from '../../pools/funding-text';
import { FUNDING_CATEGORIES, FundingCategory } from '../allocation.events';
import { AllocationView } from '../allocation.view';
import { RecordAllocationCommand } from './record-allocation.command';

export class AllocationSourceRequest {
  @ApiProperty({ enum: FUNDING_SOURCE_TYPES })
  @IsIn(FUNDING_SOURCE_TYPES)
  type!: FundingSourceType;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required when type is `grant`, refused otherwise' })
  @IsOptional()
  @IsUUID('all')
  grantId?: string;
}

export class RecordAllocationRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  siteId!: string;

  @ApiProperty({ type: AllocationSourceRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => AllocationSourceRequest)
  source!: AllocationSourceRequest;

  @ApiProperty({ enum: FUNDING_CATEGORIES })
  @IsIn(FUNDING_CATEGORIES)
  category!: FundingCategory;

  @ApiProperty({ type: FundingAmountRequest, description: 'In a currency the source has received' })
  @IsObject()
  @ValidateNested()
  @FundingAmountType()
  amount!: FundingAmountRequest;

  @ApiProperty({ example: 'Mine shaft ventilation', maxLength: FUNDING_TEXT_MAX_LENGTH })
  @IsString()
  @Length(1, FUNDING_TEXT_MAX_LENGTH)
  project!: string;

  @ApiProperty({ example: 'KAM-FAC-2026-03', maxLength: FUNDING_TEXT_MAX_LENGTH })
  @IsString()
  @Length(1, FUNDING_TEXT_MAX_LENGTH)
  committeeRef!: string;

  @ApiProperty({ example: '2026-03-10', description: 'Business date of the decision: YYYY-MM-DD or ISO 8601 date-time with a zone' })
  @IsString()
  @Length(10, 40)
  decidedAt!: string;
}

/** The source as the domain knows it; a grant without its id, or a grant id on sale proceeds, is a 400. */
export function fundingSourceOf(request: AllocationSourceRequest): FundingSource {
  if (request.type === 'grant') {
    if (request.grantId === undefined) throw new RequestValidationFailed({ 'source.grantId': ['grantId is required when type is grant'] });
    return { type: 'grant', grantId: request.grantId.toLowerCase() };
  }
  if (request.grantId !== undefined) throw new RequestValidationFailed({ 'source.grantId': ['grantId is only allowed when type is grant'] });
  return { type: 'credit_sales' };
}

@ApiTags('funding')
@Controller('v1/allocations')
export class RecordAllocationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('operator')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: AllocationView, description: 'Recorded; `X-Log-Position` for `?minPosition=`' })
  @ApiNotFoundResponse({ description: 'No such site or grant (FUNDING.SITE_NOT_FOUND, FUNDING.GRANT_NOT_FOUND)' })
  @ApiUnprocessableEntityResponse({
    description: 'More than received and not yet allocated (FUNDING.INSUFFICIENT_FUNDS), a currency the source does not hold, or a grant earmarked to other sites',
  })
  async record(
    @Body() body: RecordAllocationRequest,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AllocationView> {
    const { allocation, position } = await this.commands.execute(
      new RecordAllocationCommand(
        {
          siteId: body.siteId.toLowerCase(),
          source: fundingSourceOf(body.source),
          category: body.category,
          amount: toMoney(body.amount),
          project: body.project,
          committeeRef: body.committeeRef,
          decidedAt: body.decidedAt,
        },
        metadata,
      ),
    );
    const header = positionHeader(position);
    if (header !== undefined) void reply.header('X-Log-Position', header);
    void reply.header('Location', `/v1/allocations/${allocation.id}`);
    return allocation;
  }
}
