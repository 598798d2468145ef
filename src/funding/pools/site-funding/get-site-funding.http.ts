// GET /v1/sites/:id/funding (staff): the site's pools by source and currency (received,
// allocated, disbursed, available) and its figures per category, from the funding ledger.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { IQueryHandler, Query as CqrsQuery, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../access/auth/access.decorators';
import { STAFF_ROLES } from '../../../access/auth/actor';
import { awaitMinPosition, MinPositionQuery } from '../../../access/http/min-position';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { FundingSiteNotFound } from '../funding.errors';
import { FUNDING_PROJECTION } from '../funding-ledger/funding-ledger.projection';
import { SiteFundingReader } from './site-funding.reader';
import { SiteFundingView } from './site-funding.view';

export class GetSiteFundingQuery extends CqrsQuery<SiteFundingView | null> {
  constructor(readonly siteId: string) {
    super();
  }
}

@QueryHandler(GetSiteFundingQuery)
export class GetSiteFundingHandler implements IQueryHandler<GetSiteFundingQuery, SiteFundingView | null> {
  constructor(private readonly reader: SiteFundingReader) {}

  execute({ siteId }: GetSiteFundingQuery): Promise<SiteFundingView | null> {
    return this.reader.forSite(siteId);
  }
}

@ApiTags('funding')
@Controller('v1/sites')
export class GetSiteFundingController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get(':id/funding')
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ type: SiteFundingView })
  @ApiNotFoundResponse({ description: 'No such site (FUNDING.SITE_NOT_FOUND)' })
  async getSiteFunding(@Param('id', UuidParamPipe) siteId: string, @Query() query: MinPositionQuery): Promise<SiteFundingView> {
    await awaitMinPosition(this.projections, query.minPosition, [FUNDING_PROJECTION]);
    const funding = await this.queries.execute(new GetSiteFundingQuery(siteId));
    if (funding === null) throw new FundingSiteNotFound(siteId);
    return funding;
  }
}
