// GET /v1/batches (any key): supply of every batch, filtered by `siteId` and `vintage`, paginated.
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { AnyRole } from '../../../access/auth/access.decorators';
import { awaitMinPosition } from '../../../access/http/min-position';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { ListPageMeta, ListQuery } from '../../shared/list-page';
import { BatchView } from '../batch.view';
import { BATCHES_PROJECTION } from '../get-batch/batches.projection';
import { ListBatchesQuery } from './list-batches.query';

export class ListBatchesRequest extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ example: 2023 })
  @IsOptional()
  // Query strings are text: convert explicitly (implicit conversion is off app-wide).
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(9999)
  vintage?: number;
}

export class BatchPage extends ListPageMeta {
  @ApiProperty({ type: [BatchView] })
  items!: BatchView[];
}

@ApiTags('batches')
@Controller('v1/batches')
export class ListBatchesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get()
  @AnyRole()
  @ApiOkResponse({ type: BatchPage })
  async listBatches(@Query() query: ListBatchesRequest): Promise<BatchPage> {
    await awaitMinPosition(this.projections, query.minPosition, [BATCHES_PROJECTION]);
    const filter = { siteId: query.siteId?.toLowerCase(), vintage: query.vintage };
    return this.queries.execute(new ListBatchesQuery(filter, query));
  }
}
