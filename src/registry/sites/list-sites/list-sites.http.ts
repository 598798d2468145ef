// GET /v1/sites (any key): sites by code, paginated.
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../../../access/auth/access.decorators';
import { awaitMinPosition } from '../../../access/http/min-position';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { ListPageMeta, ListQuery } from '../../shared/list-page';
import { SITES_PROJECTION } from '../get-site/sites.projection';
import { SiteView } from '../site.view';
import { ListSitesQuery } from './list-sites.query';

export class SitePage extends ListPageMeta {
  @ApiProperty({ type: [SiteView] })
  items!: SiteView[];
}

@ApiTags('sites')
@Controller('v1/sites')
export class ListSitesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get()
  @AnyRole()
  @ApiOkResponse({ type: SitePage })
  async listSites(@Query() query: ListQuery): Promise<SitePage> {
    await awaitMinPosition(this.projections, query.minPosition, [SITES_PROJECTION]);
    return this.queries.execute(new ListSitesQuery(query));
  }
}
