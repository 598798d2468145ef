// GET /v1/companies/:id (staff, or that company's own keys): the company profile. Another
// company's id answers 404 like an unknown one (R11).
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { Roles } from '../../auth/access.decorators';
import type { Actor } from '../../auth/actor';
import { canSeeCompanyObject } from '../../auth/ownership';
import { CurrentActor } from '../../auth/request-params.decorators';
import { awaitMinPosition, MinPositionQuery } from '../../http/min-position';
import { UuidParamPipe } from '../../http/uuid-param.pipe';
import { CompanyNotFound } from '../companies.errors';
import { CompanyView } from '../company.view';
import { COMPANIES_PROJECTION } from './companies.projection';
import { GetCompanyQuery } from './get-company.query';

@ApiTags('companies')
@Controller('v1/companies')
export class GetCompanyController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get(':id')
  @Roles('admin', 'operator', 'finance', 'auditor', 'company')
  @ApiOkResponse({ type: CompanyView })
  @ApiNotFoundResponse({ description: 'No such company, or not yours (ACCESS.COMPANY_NOT_FOUND)' })
  async getCompany(
    @Param('id', UuidParamPipe) companyId: string,
    @Query() query: MinPositionQuery,
    @CurrentActor() actor: Actor,
  ): Promise<CompanyView> {
    // Checked before waiting or reading, so another company's id costs nothing and reveals nothing.
    if (!canSeeCompanyObject(actor, companyId)) throw new CompanyNotFound();
    await awaitMinPosition(this.projections, query.minPosition, [COMPANIES_PROJECTION]);
    const company = await this.queries.execute(new GetCompanyQuery(companyId));
    if (company === null) throw new CompanyNotFound();
    return company;
  }
}
