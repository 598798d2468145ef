// POST /v1/grants/:id/tranches (finance): a tranche received `{amount, receivedAt, bankRef}`.
import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiProperty, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { EventMetadata } from '@lib/event-store';
import { IsObject, IsString, Length, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import { CommandMeta } from '../../../access/auth/request-params.decorators';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { positionHeader } from '../../../registry/shared/command-position';
import { FundingAmountRequest, FundingAmountType, toMoney } from '../../pools/funding-money';
import { BANK_REF_MAX_LENGTH } from '../../pools/funding-text';
import { TrancheView } from '../grant.view';
import { RecordTrancheCommand } from './record-tranche.command';

export class RecordTrancheRequest {
  @ApiProperty({ type: FundingAmountRequest, description: 'In the grant currency' })
  @IsObject()
  @ValidateNested()
  @FundingAmountType()
  amount!: FundingAmountRequest;

  @ApiProperty({ example: '2026-03-02', description: 'Business date: YYYY-MM-DD or ISO 8601 date-time with a zone' })
  @IsString()
  @Length(10, 40)
  receivedAt!: string;

  @ApiProperty({ example: 'EPRM-TR-1', maxLength: BANK_REF_MAX_LENGTH })
  @IsString()
  @Length(1, BANK_REF_MAX_LENGTH)
  bankRef!: string;
}

@ApiTags('funding')
@Controller('v1/grants')
export class RecordTrancheController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/tranches')
  @HttpCode(201)
  @Roles('finance')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: TrancheView, description: 'Recorded (or the same bank transfer recorded before)' })
  @ApiNotFoundResponse({ description: 'No such grant (FUNDING.GRANT_NOT_FOUND)' })
  @ApiConflictResponse({ description: 'The bank reference is recorded for another tranche (FUNDING.DUPLICATE_BANK_REF)' })
  @ApiUnprocessableEntityResponse({ description: 'Other currency, above the award, or dated in a closed period' })
  async record(
    @Param('id', UuidParamPipe) grantId: string,
    @Body() body: RecordTrancheRequest,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TrancheView> {
    const { tranche, position } = await this.commands.execute(
      new RecordTrancheCommand(grantId, { amount: toMoney(body.amount), receivedAt: body.receivedAt, bankRef: body.bankRef }, metadata),
    );
    const header = positionHeader(position);
    if (header !== undefined) void reply.header('X-Log-Position', header);
    return tranche;
  }
}
