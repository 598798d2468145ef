// GET /v1/reports/funding?asOf=YYYY-MM-DD (finance, auditor): funding by site, source, category
// and currency as the books stood at the end of that day (default: today, UTC).
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@lib/kernel';
import { IsOptional, IsString } from 'class-validator';
import { CLOCK } from '../../../access/access.tokens';
import { Roles } from '../../../access/auth/access.decorators';
import { awaitMinPosition, MinPositionQuery } from '../../../access/http/min-position';
import { RequestValidationFailed } from '../../../ops/http/request.errors';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { isCalendarDate } from '../../pools/business-date';
import { FUNDING_PROJECTION } from '../../pools/funding-ledger/funding-ledger.projection';
import { FundingReportView } from './funding-report.view';
import { GetFundingReportQuery } from './funding-report.query';

export class FundingReportRequest extends MinPositionQuery {
  @ApiPropertyOptional({ example: '2026-03-31', description: 'Day of the report (YYYY-MM-DD); default: today (UTC)' })
  @IsOptional()
  @IsString()
  asOf?: string;
}

@ApiTags('reports')
@Controller('v1/reports/funding')
export class FundingReportController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('finance', 'auditor')
  @ApiOkResponse({ type: FundingReportView })
  async report(@Query() query: FundingReportRequest): Promise<FundingReportView> {
    const asOf = query.asOf ?? this.clock.now().toISOString().slice(0, 10);
    if (!isCalendarDate(asOf)) throw new RequestValidationFailed({ asOf: ['asOf must be a calendar date YYYY-MM-DD'] });
    await awaitMinPosition(this.projections, query.minPosition, [FUNDING_PROJECTION]);
    return this.queries.execute(new GetFundingReportQuery(asOf));
  }
}
