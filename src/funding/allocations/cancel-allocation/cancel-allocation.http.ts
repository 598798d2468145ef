// POST /v1/allocations/:id/cancel (operator): `{reason}`; only while nothing was disbursed (else 409).
import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { EventMetadata } from '@lib/event-store';
import { IsString, Length } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import { CommandMeta } from '../../../access/auth/request-params.decorators';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { positionHeader } from '../../../registry/shared/command-position';
import { FUNDING_TEXT_MAX_LENGTH } from '../../pools/funding-text';
import { AllocationView } from '../allocation.view';
import { CancelAllocationCommand } from './cancel-allocation.command';

export class CancelAllocationRequest {
  @ApiProperty({ example: 'Committee reversed its decision', maxLength: FUNDING_TEXT_MAX_LENGTH })
  @IsString()
  @Length(1, FUNDING_TEXT_MAX_LENGTH)
  reason!: string;
}

@ApiTags('funding')
@Controller('v1/allocations')
export class CancelAllocationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('operator')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: AllocationView, description: 'Cancelled: its amount is available to allocate again' })
  @ApiNotFoundResponse({ description: 'No such allocation (FUNDING.ALLOCATION_NOT_FOUND)' })
  @ApiConflictResponse({ description: 'Something was disbursed against it (FUNDING.ALLOCATION_HAS_DISBURSEMENTS)' })
  async cancel(
    @Param('id', UuidParamPipe) allocationId: string,
    @Body() body: CancelAllocationRequest,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AllocationView> {
    const { allocation, position } = await this.commands.execute(new CancelAllocationCommand(allocationId, body.reason, metadata));
    const header = positionHeader(position);
    if (header !== undefined) void reply.header('X-Log-Position', header);
    return allocation;
  }
}
