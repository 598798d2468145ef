// POST /v1/allocations/:id/disbursements (finance): money paid out `{amount, paidAt, payee, bankRef}`.
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
import { BANK_REF_MAX_LENGTH, FUNDING_TEXT_MAX_LENGTH } from '../../pools/funding-text';
import { RecordedDisbursementView } from '../disbursement.view';
import { RecordDisbursementCommand } from './record-disbursement.command';

export class RecordDisbursementRequest {
  @ApiProperty({ type: FundingAmountRequest, description: 'In the allocation currency, at most what remains of it' })
  @IsObject()
  @ValidateNested()
  @FundingAmountType()
  amount!: FundingAmountRequest;

  @ApiProperty({ example: '2026-03-10', description: 'Business date: YYYY-MM-DD or ISO 8601 date-time with a zone' })
  @IsString()
  @Length(10, 40)
  paidAt!: string;

  @ApiProperty({ example: 'Kolwezi Safety Supplies SARL', maxLength: FUNDING_TEXT_MAX_LENGTH })
  @IsString()
  @Length(1, FUNDING_TEXT_MAX_LENGTH)
  payee!: string;

  @ApiProperty({ example: 'OUT-2026-03-0007', maxLength: BANK_REF_MAX_LENGTH })
  @IsString()
  @Length(1, BANK_REF_MAX_LENGTH)
  bankRef!: string;
}

@ApiTags('funding')
@Controller('v1/allocations')
export class RecordDisbursementController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/disbursements')
  @HttpCode(201)
  @Roles('finance')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: RecordedDisbursementView, description: 'Recorded (or the same bank transfer recorded before)' })
  @ApiNotFoundResponse({ description: 'No such allocation (FUNDING.ALLOCATION_NOT_FOUND)' })
  @ApiConflictResponse({ description: 'The allocation is cancelled, or the bank reference is recorded for another payment' })
  @ApiUnprocessableEntityResponse({ description: 'Above what remains (FUNDING.ALLOCATION_EXCEEDED), another currency, or dated in a closed period' })
  async record(
    @Param('id', UuidParamPipe) allocationId: string,
    @Body() body: RecordDisbursementRequest,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecordedDisbursementView> {
    const input = { amount: toMoney(body.amount), paidAt: body.paidAt, payee: body.payee, bankRef: body.bankRef };
    const { disbursement, position } = await this.commands.execute(new RecordDisbursementCommand(allocationId, input, metadata));
    const header = positionHeader(position);
    if (header !== undefined) void reply.header('X-Log-Position', header);
    return disbursement;
  }
}
