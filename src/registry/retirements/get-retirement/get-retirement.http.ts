// GET /v1/retirements/:id (the retiring company, staff). Another company's retirement answers 404
// like an unknown one (R11); the public see certificates through /v1/public/retirements instead.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../access/auth/access.decorators';
import { Actor, STAFF_ROLES } from '../../../access/auth/actor';
import { ownedOrNotFound } from '../../../access/auth/ownership';
import { CurrentActor } from '../../../access/auth/request-params.decorators';
import { awaitMinPosition, MinPositionQuery } from '../../../access/http/min-position';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { RetirementView } from '../retirement.view';
import { RetirementNotFound } from '../retirements.errors';
import { GetRetirementQuery } from './get-retirement.query';
import { RETIREMENTS_PROJECTION } from './retirements.projection';

@ApiTags('retirements')
@Controller('v1/retirements')
export class GetRetirementController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get(':id')
  @Roles(...STAFF_ROLES, 'company')
  @ApiOkResponse({ type: RetirementView })
  @ApiNotFoundResponse({ description: 'No such retirement, or not yours (REGISTRY.RETIREMENT_NOT_FOUND)' })
  async getRetirement(
    @Param('id', UuidParamPipe) retirementId: string,
    @Query() query: MinPositionQuery,
    @CurrentActor() actor: Actor,
  ): Promise<RetirementView> {
    await awaitMinPosition(this.projections, query.minPosition, [RETIREMENTS_PROJECTION]);
    const found = await this.queries.execute(new GetRetirementQuery(retirementId));
    return ownedOrNotFound(actor, found, (retirement) => retirement.companyId, () => new RetirementNotFound(retirementId));
  }
}
