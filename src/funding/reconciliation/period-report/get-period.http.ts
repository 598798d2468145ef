// GET /v1/reconciliation/periods/:period (finance, auditor): the month's statement lines with
// their match status, paginated, and totals per currency (in, out, matched, unmatched).
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { Roles } from '../../../access/auth/access.decorators';
import { awaitMinPosition } from '../../../access/http/min-position';
import { PageQueryDto, pageSize } from '../../../access/http/page-query.dto';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { PeriodParamPipe } from '../../periods/period-param.pipe';
import { RECONCILIATION_PROJECTION } from '../read-model/reconciliation.projection';
import { GetPeriodQuery } from './get-period.query';
import { PeriodView } from './period.view';

export class PeriodLinesQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'X-Log-Position of an earlier command: wait (at most READ_WAIT_MS, 2 s by default) until this read reflects it' })
  @IsOptional()
  @IsString()
  minPosition?: string;
}

@ApiTags('reconciliation')
@Controller('v1/reconciliation')
export class GetPeriodController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get('periods/:period')
  @Roles('finance', 'auditor')
  @ApiOkResponse({ type: PeriodView })
  async getPeriod(@Param('period', PeriodParamPipe) period: string, @Query() query: PeriodLinesQuery): Promise<PeriodView> {
    await awaitMinPosition(this.projections, query.minPosition, [RECONCILIATION_PROJECTION]);
    return this.queries.execute(new GetPeriodQuery(period, pageSize(query), query.cursor));
  }
}
