// POST /v1/grants (finance): register a funder's award `{funder, reference, total, siteIds?}`.
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { EventMetadata } from '@lib/event-store';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { positionHeader } from '../../../registry/shared/command-position';
import { Roles } from '../../../access/auth/access.decorators';
import { CommandMeta } from '../../../access/auth/request-params.decorators';
import { FundingAmountRequest, FundingAmountType, toMoney } from '../../pools/funding-money';
import { FUNDING_TEXT_MAX_LENGTH } from '../../pools/funding-text';
import { GrantView } from '../grant.view';
import { RegisterGrantCommand } from './register-grant.command';

/** Bounds one request's work: an earmark lists a handful of sites, never thousands. */
const MAX_EARMARKED_SITES = 100;

export class RegisterGrantRequest {
  @ApiProperty({ example: 'European Partnership for Responsible Minerals', maxLength: FUNDING_TEXT_MAX_LENGTH })
  @IsString()
  @Length(1, FUNDING_TEXT_MAX_LENGTH)
  funder!: string;

  @ApiProperty({ example: 'EPRM-2024-017', description: "The funder's award reference; unique", maxLength: FUNDING_TEXT_MAX_LENGTH })
  @IsString()
  @Length(1, FUNDING_TEXT_MAX_LENGTH)
  reference!: string;

  @ApiProperty({ type: FundingAmountRequest, description: 'The award; its currency is the grant currency' })
  @IsObject()
  @ValidateNested()
  @FundingAmountType()
  total!: FundingAmountRequest;

  @ApiPropertyOptional({ type: [String], description: 'Earmark: only these sites may receive allocations from the grant' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EARMARKED_SITES)
  @IsUUID('all', { each: true })
  siteIds?: string[];
}

@ApiTags('funding')
@Controller('v1/grants')
export class RegisterGrantController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('finance')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: GrantView, description: 'Registered (or the same award registered before); `X-Log-Position` for `?minPosition=`' })
  @ApiConflictResponse({ description: 'Another award is registered under this reference (FUNDING.GRANT_ALREADY_REGISTERED)' })
  async register(
    @Body() body: RegisterGrantRequest,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GrantView> {
    const siteIds = body.siteIds === undefined ? null : body.siteIds.map((id) => id.toLowerCase());
    const { grant, position } = await this.commands.execute(
      new RegisterGrantCommand({ funder: body.funder, reference: body.reference, total: toMoney(body.total), siteIds }, metadata),
    );
    const header = positionHeader(position);
    if (header !== undefined) void reply.header('X-Log-Position', header);
    return grant;
  }
}
