// GET /v1/companies/:id/footprints and /:year (that company, staff): declared footprints with
// coverage = retired for that claim year / footprint, in basis points. R11: another company → 404.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../access/auth/access.decorators';
import { Actor, STAFF_ROLES } from '../../../access/auth/actor';
import { canSeeCompanyObject } from '../../../access/auth/ownership';
import { CurrentActor } from '../../../access/auth/request-params.decorators';
import { CompanyNotFound } from '../../../access/companies/companies.errors';
import { COMPANIES_PROJECTION } from '../../../access/companies/get-company/companies.projection';
import { awaitMinPosition, MinPositionQuery } from '../../../access/http/min-position';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { footprintYearOf } from '../footprint-year';
import { FootprintView } from '../footprint.view';
import { FootprintNotFound } from '../footprints.errors';
import { FOOTPRINTS_PROJECTION } from './footprints.projection';
import { GetFootprintsQuery } from './get-footprints.query';

@ApiTags('footprints')
@Controller('v1/companies')
export class GetFootprintsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get(':id/footprints')
  @Roles(...STAFF_ROLES, 'company')
  @ApiOkResponse({ type: [FootprintView], description: 'Every declared year, newest first' })
  @ApiNotFoundResponse({ description: 'Not your company (ACCESS.COMPANY_NOT_FOUND)' })
  async list(@Param('id', UuidParamPipe) companyId: string, @Query() query: MinPositionQuery, @CurrentActor() actor: Actor): Promise<FootprintView[]> {
    if (!canSeeCompanyObject(actor, companyId)) throw new CompanyNotFound();
    await awaitMinPosition(this.projections, query.minPosition, [FOOTPRINTS_PROJECTION, COMPANIES_PROJECTION]);
    return this.queries.execute(new GetFootprintsQuery(companyId));
  }

  @Get(':id/footprints/:year')
  @Roles(...STAFF_ROLES, 'company')
  @ApiOkResponse({ type: FootprintView })
  @ApiNotFoundResponse({ description: 'Not your company (ACCESS.COMPANY_NOT_FOUND) or nothing declared for that year (REGISTRY.FOOTPRINT_NOT_FOUND)' })
  async getOne(
    @Param('id', UuidParamPipe) companyId: string,
    @Param('year') yearText: string,
    @Query() query: MinPositionQuery,
    @CurrentActor() actor: Actor,
  ): Promise<FootprintView> {
    if (!canSeeCompanyObject(actor, companyId)) throw new CompanyNotFound();
    const year = footprintYearOf(yearText);
    await awaitMinPosition(this.projections, query.minPosition, [FOOTPRINTS_PROJECTION]);
    const [footprint] = await this.queries.execute(new GetFootprintsQuery(companyId, year));
    if (footprint === undefined) throw new FootprintNotFound(year);
    return footprint;
  }
}
