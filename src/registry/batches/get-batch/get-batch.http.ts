// GET /v1/batches/:id (any key): a batch's serial block, price and supply.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../../../access/auth/access.decorators';
import { awaitMinPosition, MinPositionQuery } from '../../../access/http/min-position';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { BatchNotFound } from '../batch.errors';
import { BatchView } from '../batch.view';
import { BATCHES_PROJECTION } from './batches.projection';
import { GetBatchQuery } from './get-batch.query';

@ApiTags('batches')
@Controller('v1/batches')
export class GetBatchController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get(':id')
  @AnyRole()
  @ApiOkResponse({ type: BatchView })
  @ApiNotFoundResponse({ description: 'No such batch (REGISTRY.BATCH_NOT_FOUND)' })
  async getBatch(@Param('id', UuidParamPipe) batchId: string, @Query() query: MinPositionQuery): Promise<BatchView> {
    await awaitMinPosition(this.projections, query.minPosition, [BATCHES_PROJECTION]);
    const batch = await this.queries.execute(new GetBatchQuery(batchId));
    if (batch === null) throw new BatchNotFound(batchId);
    return batch;
  }
}
