// GET /v1/sites/:id/milestones (staff): a site's milestones, optionally by status, paginated.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Roles } from '../../../access/auth/access.decorators';
import { awaitMinPosition } from '../../../access/http/min-position';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { ListPageMeta, ListQuery } from '../../shared/list-page';
import { SITES_PROJECTION } from '../../sites/get-site/sites.projection';
import { SiteNotFound } from '../../sites/sites.errors';
import { MILESTONES_PROJECTION } from '../get-milestone/milestones.projection';
import { MILESTONE_STATUSES, MilestoneStatus, MilestoneView } from '../milestone.view';
import { ListSiteMilestonesQuery } from './list-site-milestones.query';

export class ListSiteMilestonesRequest extends ListQuery {
  @ApiPropertyOptional({ enum: MILESTONE_STATUSES })
  @IsOptional()
  @IsIn(MILESTONE_STATUSES)
  status?: MilestoneStatus;
}

export class MilestonePage extends ListPageMeta {
  @ApiProperty({ type: [MilestoneView] })
  items!: MilestoneView[];
}

@ApiTags('milestones')
@Controller('v1/sites')
export class ListSiteMilestonesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get(':id/milestones')
  @Roles('admin', 'operator', 'finance', 'auditor')
  @ApiOkResponse({ type: MilestonePage })
  @ApiNotFoundResponse({ description: 'No such site (REGISTRY.SITE_NOT_FOUND)' })
  async listSiteMilestones(@Param('id', UuidParamPipe) siteId: string, @Query() query: ListSiteMilestonesRequest): Promise<MilestonePage> {
    await awaitMinPosition(this.projections, query.minPosition, [SITES_PROJECTION, MILESTONES_PROJECTION]);
    const page = await this.queries.execute(new ListSiteMilestonesQuery(siteId, query.status, query));
    if (page === null) throw new SiteNotFound(siteId);
    return page;
  }
}
