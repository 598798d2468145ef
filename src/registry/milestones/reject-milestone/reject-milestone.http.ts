// POST /v1/milestones/:id/reject (operator): `{reason}` → the milestone, `rejected`.
import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { EventMetadata } from '@lib/event-store';
import { IsString, Length } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import { CommandMeta } from '../../../access/auth/request-params.decorators';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { positionHeader } from '../../shared/command-position';
import { REJECTION_REASON_MAX_LENGTH } from '../milestone.decider';
import { MilestoneView } from '../milestone.view';
import { RejectMilestoneCommand } from './reject-milestone.command';

export class RejectMilestoneRequest {
  @ApiProperty({ example: 'Evidence does not cover the whole period', maxLength: REJECTION_REASON_MAX_LENGTH })
  @IsString()
  @Length(1, REJECTION_REASON_MAX_LENGTH)
  reason!: string;
}

@ApiTags('milestones')
@Controller('v1/milestones')
export class RejectMilestoneController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('operator')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: MilestoneView })
  @ApiNotFoundResponse({ description: 'No such milestone (REGISTRY.MILESTONE_NOT_FOUND)' })
  @ApiConflictResponse({ description: 'Already verified, or rejected for another reason (REGISTRY.MILESTONE_ALREADY_VERIFIED, REGISTRY.MILESTONE_REJECTED)' })
  async reject(
    @Param('id', UuidParamPipe) milestoneId: string,
    @Body() body: RejectMilestoneRequest,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MilestoneView> {
    const { milestone, position } = await this.commands.execute(new RejectMilestoneCommand(milestoneId, body.reason, metadata));
    const header = positionHeader(position);
    if (header !== undefined) void reply.header('X-Log-Position', header);
    return milestone;
  }
}
