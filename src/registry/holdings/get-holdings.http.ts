// GET /v1/companies/:id/holdings (that company, staff): totals and per-batch serial ranges.
// Another company's holdings answer 404 like an unknown company (R11).
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../access/auth/access.decorators';
import { Actor, STAFF_ROLES } from '../../access/auth/actor';
import { canSeeCompanyObject } from '../../access/auth/ownership';
import { CurrentActor } from '../../access/auth/request-params.decorators';
import { CompanyNotFound } from '../../access/companies/companies.errors';
import { COMPANIES_PROJECTION } from '../../access/companies/get-company/companies.projection';
import { awaitMinPosition, MinPositionQuery } from '../../access/http/min-position';
import { UuidParamPipe } from '../../access/http/uuid-param.pipe';
import { ProjectionsHost } from '../../ops/platform/projections-host';
import { GetHoldingsQuery } from './get-holdings.query';
import { HoldingsView } from './holding.view';
import { HOLDINGS_PROJECTION } from './holdings.projection';

@ApiTags('holdings')
@Controller('v1/companies')
export class GetHoldingsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get(':id/holdings')
  @Roles(...STAFF_ROLES, 'company')
  @ApiOkResponse({ type: HoldingsView })
  @ApiNotFoundResponse({ description: 'No such company, or not yours (ACCESS.COMPANY_NOT_FOUND)' })
  async getHoldings(
    @Param('id', UuidParamPipe) companyId: string,
    @Query() query: MinPositionQuery,
    @CurrentActor() actor: Actor,
  ): Promise<HoldingsView> {
    if (!canSeeCompanyObject(actor, companyId)) throw new CompanyNotFound();
    await awaitMinPosition(this.projections, query.minPosition, [HOLDINGS_PROJECTION, COMPANIES_PROJECTION]);
    const holdings = await this.queries.execute(new GetHoldingsQuery(companyId));
    if (holdings === null) throw new CompanyNotFound();
    return holdings;
  }
}
