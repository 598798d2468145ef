// GET /v1/milestones/:id (staff): one milestone with its status, evidence and issued quantity.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../access/auth/access.decorators';
import { awaitMinPosition, MinPositionQuery } from '../../../access/http/min-position';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { MilestoneNotFound } from '../milestones.errors';
import { MilestoneView } from '../milestone.view';
import { GetMilestoneQuery } from './get-milestone.query';
import { MILESTONES_PROJECTION } from './milestones.projection';

@ApiTags('milestones')
@Controller('v1/milestones')
export class GetMilestoneController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get(':id')
  @Roles('admin', 'operator', 'finance', 'auditor')
  @ApiOkResponse({ type: MilestoneView })
  @ApiNotFoundResponse({ description: 'No such milestone (REGISTRY.MILESTONE_NOT_FOUND)' })
  async getMilestone(@Param('id', UuidParamPipe) milestoneId: string, @Query() query: MinPositionQuery): Promise<MilestoneView> {
    await awaitMinPosition(this.projections, query.minPosition, [MILESTONES_PROJECTION]);
    const milestone = await this.queries.execute(new GetMilestoneQuery(milestoneId));
    if (milestone === null) throw new MilestoneNotFound(milestoneId);
    return milestone;
  }
}
