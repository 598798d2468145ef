// POST /v1/milestones/:id/verify (operator, not the proposing key): → the milestone, `verified`.
import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { EventMetadata } from '@lib/event-store';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import { CommandMeta } from '../../../access/auth/request-params.decorators';
import { NoQueryParamsPipe } from '../../../access/http/no-query.pipe';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { positionHeader } from '../../shared/command-position';
import { MilestoneView } from '../milestone.view';
import { VerifyMilestoneCommand } from './verify-milestone.command';

@ApiTags('milestones')
@Controller('v1/milestones')
export class VerifyMilestoneController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/verify')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({
    summary: 'Verify a proposed milestone (four eyes, R4)',
    description:
      'The verifying API key must differ from the proposing one. The registry identifies API keys, not people: ' +
      'give each operator their own key, or two keys held by one person defeat the rule.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: MilestoneView })
  @ApiNotFoundResponse({ description: 'No such milestone (REGISTRY.MILESTONE_NOT_FOUND)' })
  @ApiConflictResponse({ description: 'Rejected, or verified by another key (REGISTRY.MILESTONE_REJECTED, REGISTRY.MILESTONE_ALREADY_VERIFIED)' })
  @ApiUnprocessableEntityResponse({ description: 'The proposing key tried to verify (REGISTRY.SELF_VERIFICATION)' })
  async verify(
    @Param('id', UuidParamPipe) milestoneId: string,
    // No body fields: anything sent is refused rather than silently ignored.
    @Body(NoQueryParamsPipe) _body: Record<string, never>,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MilestoneView> {
    const { milestone, position } = await this.commands.execute(new VerifyMilestoneCommand(milestoneId, metadata));
    const header = positionHeader(position);
    if (header !== undefined) void reply.header('X-Log-Position', header);
    return milestone;
  }
}
