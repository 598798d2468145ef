// GET /v1/allocations and GET /v1/allocations/:id (staff): allocations with what was paid out;
// the single allocation lists its disbursements (payee and bank reference: staff only).
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../access/auth/access.decorators';
import { STAFF_ROLES } from '../../../access/auth/actor';
import { awaitMinPosition, MinPositionQuery } from '../../../access/http/min-position';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { ListPageMeta } from '../../../registry/shared/list-page';
import { DisbursementView } from '../../disbursements/disbursement.view';
import { FUNDING_PROJECTION } from '../../pools/funding-ledger/funding-ledger.projection';
import { AllocationView } from '../allocation.view';
import { AllocationNotFound } from '../allocations.errors';
import { AllocationDetail, GetAllocationQuery, ListAllocationsQuery } from './list-allocations.query';
import { AllocationFilters } from './list-allocations.request';

export class AllocationPage extends ListPageMeta {
  @ApiProperty({ type: [AllocationView] })
  items!: AllocationView[];
}

export class AllocationDetailView extends AllocationView {
  @ApiProperty({ type: [DisbursementView] })
  disbursements!: DisbursementView[];
}

@ApiTags('funding')
@Controller('v1/allocations')
export class ListAllocationsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ type: AllocationPage })
  async list(@Query() query: AllocationFilters): Promise<AllocationPage> {
    await awaitMinPosition(this.projections, query.minPosition, [FUNDING_PROJECTION]);
    return this.queries.execute(new ListAllocationsQuery(query));
  }

  @Get(':id')
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ type: AllocationDetailView })
  @ApiNotFoundResponse({ description: 'No such allocation (FUNDING.ALLOCATION_NOT_FOUND)' })
  async get(@Param('id', UuidParamPipe) allocationId: string, @Query() query: MinPositionQuery): Promise<AllocationDetail> {
    await awaitMinPosition(this.projections, query.minPosition, [FUNDING_PROJECTION]);
    const allocation = await this.queries.execute(new GetAllocationQuery(allocationId));
    if (allocation === null) throw new AllocationNotFound(allocationId);
    return allocation;
  }
}
