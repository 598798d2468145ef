// GET /v1/sites/:id (any key): one site.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../../../access/auth/access.decorators';
import { awaitMinPosition, MinPositionQuery } from '../../../access/http/min-position';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { SiteNotFound } from '../sites.errors';
import { SiteView } from '../site.view';
import { GetSiteQuery } from './get-site.query';
import { SITES_PROJECTION } from './sites.projection';

@ApiTags('sites')
@Controller('v1/sites')
export class GetSiteController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get(':id')
  @AnyRole()
  @ApiOkResponse({ type: SiteView })
  @ApiNotFoundResponse({ description: 'No such site (REGISTRY.SITE_NOT_FOUND)' })
  async getSite(@Param('id', UuidParamPipe) siteId: string, @Query() query: MinPositionQuery): Promise<SiteView> {
    await awaitMinPosition(this.projections, query.minPosition, [SITES_PROJECTION]);
    const site = await this.queries.execute(new GetSiteQuery(siteId));
    if (site === null) throw new SiteNotFound(siteId);
    return site;
  }
}
