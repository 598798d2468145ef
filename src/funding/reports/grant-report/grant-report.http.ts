// GET /v1/reports/grants/:id (finance, auditor): the grant report for `?from=&to=` (business days,
// inclusive), as JSON (default) or as CSV with `?format=csv`.
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiPropertyOptional, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { RequestValidationFailed } from '../../../ops/http/request.errors';
import { GrantNotFound } from '../../grants/grants.errors';
import { isCalendarDate } from '../../pools/business-date';
import type { GrantReport, ReportPeriod } from './grant-report';
import { grantReportCsv } from './grant-report.csv';
import { GetGrantReportQuery } from './grant-report.query';

export class GrantReportRequest {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ example: '2026-01-01', description: 'First business day included (YYYY-MM-DD); default: the start' })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Last business day included (YYYY-MM-DD); default: no end' })
  @IsOptional()
  @IsString()
  to?: string;
}

/** The period asked for; 400 when a bound is not a calendar day or the range is reversed. */
export function reportPeriodOf(request: GrantReportRequest): ReportPeriod {
  const fields: Record<string, string[]> = {};
  for (const name of ['from', 'to'] as const) {
    const value = request[name];
    if (value !== undefined && !isCalendarDate(value)) fields[name] = [`${name} must be a calendar date YYYY-MM-DD`];
  }
  if (Object.keys(fields).length === 0 && request.from !== undefined && request.to !== undefined && request.from > request.to) {
    fields.to = ['to must not be before from'];
  }
  if (Object.keys(fields).length > 0) throw new RequestValidationFailed(fields);
  return { from: request.from ?? null, to: request.to ?? null };
}

@ApiTags('reports')
@Controller('v1/reports/grants')
export class GrantReportController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles('finance', 'auditor')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      'Tranches received, allocations (by site and category), cancellations and disbursements dated in the range, with opening and closing balances ' +
      '(received, allocated, disbursed, unallocated, undisbursed, outstanding award). CSV: one table with a `section` column.',
  })
  @ApiNotFoundResponse({ description: 'No such grant (FUNDING.GRANT_NOT_FOUND)' })
  async report(
    @Param('id', UuidParamPipe) grantId: string,
    @Query() query: GrantReportRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GrantReport | string> {
    const period = reportPeriodOf(query);
    const report = await this.queries.execute(new GetGrantReportQuery(grantId, period));
    if (report === null) throw new GrantNotFound(grantId);
    if (query.format !== 'csv') return report;
    const name = `grant-${report.grant.reference.replace(/[^A-Za-z0-9_-]/g, '_')}-${period.from ?? 'start'}-${period.to ?? 'now'}.csv`;
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`);
    return grantReportCsv(report);
  }
}
