// GET /v1/public/sites/:id/funding (public, no key): proceeds, allocations and disbursements by
// source and category, and the projects paid for. Built from the same ledger as the staff view,
// minus everything that identifies a bank transfer or a payee.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { IQueryHandler, Query as CqrsQuery, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../../../access/auth/access.decorators';
import { awaitMinPosition, MinPositionQuery } from '../../../access/http/min-position';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import type { FundingCategory } from '../../allocations/allocation.events';
import { FundingSiteNotFound } from '../funding.errors';
import { moneyJson } from '../funding-money';
import { FUNDING_PROJECTION } from '../funding-ledger/funding-ledger.projection';
import { PublicProjectView, PublicSiteFundingView } from './public-site-funding.view';
import { SiteFundingReader } from './site-funding.reader';

/** Bounds one public answer; a site funds a few projects a month, not thousands. */
const MAX_PROJECTS_SHOWN = 500;

export class GetPublicSiteFundingQuery extends CqrsQuery<PublicSiteFundingView | null> {
  constructor(readonly siteId: string) {
    super();
  }
}

interface ProjectRow {
  project: string;
  category: FundingCategory;
  source_type: 'credit_sales' | 'grant';
  grant_id: string | null;
  funder: string | null;
  reference: string | null;
  currency: string;
  amount_minor: string;
  disbursed_minor: string;
  decided_at: string;
}

@QueryHandler(GetPublicSiteFundingQuery)
export class GetPublicSiteFundingHandler implements IQueryHandler<GetPublicSiteFundingQuery, PublicSiteFundingView | null> {
  constructor(
    private readonly reader: SiteFundingReader,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ siteId }: GetPublicSiteFundingQuery): Promise<PublicSiteFundingView | null> {
    const funding = await this.reader.forSite(siteId);
    if (funding === null) return null;
    const creditSales = funding.pools.filter((pool) => pool.source.type === 'credit_sales');
    const active = funding.pools.filter((pool) => pool.source.type === 'credit_sales' || pool.allocated.value !== 0 || pool.disbursed.value !== 0);
    return {
      siteId: funding.siteId,
      siteCode: funding.siteCode,
      siteName: funding.siteName,
      proceeds: creditSales.map((pool) => ({
        currency: pool.currency,
        gross: pool.grossSales ?? moneyJson(pool.currency, 0n),
        fee: pool.fees ?? moneyJson(pool.currency, 0n),
        net: pool.received,
      })),
      sources: active.map((pool) => ({ source: pool.source, currency: pool.currency, allocated: pool.allocated, disbursed: pool.disbursed })),
      categories: funding.categories,
      projects: await this.projects(siteId),
    };
  }

  private async projects(siteId: string): Promise<PublicProjectView[]> {
    const rows: ProjectRow[] = await this.dataSource.query(
      `SELECT a.project, a.category, a.source_type, a.grant_id, g.funder, g.reference, btrim(a.currency) AS currency,
              a.amount_minor::text AS amount_minor, a.disbursed_minor::text AS disbursed_minor, a.decided_at
         FROM funding_allocations a LEFT JOIN funding_grants g ON g.grant_id = a.grant_id
        WHERE a.site_id = $1 AND a.status = 'active'
        ORDER BY a.allocation_id LIMIT $2`,
      [siteId, MAX_PROJECTS_SHOWN],
    );
    return rows.map((row) => ({
      project: row.project,
      category: row.category,
      source:
        row.source_type === 'grant' && row.grant_id !== null
          ? { type: 'grant', grantId: row.grant_id, funder: row.funder ?? undefined, reference: row.reference ?? undefined }
          : { type: 'credit_sales' },
      amount: moneyJson(row.currency, row.amount_minor),
      disbursed: moneyJson(row.currency, row.disbursed_minor),
      decidedAt: row.decided_at,
    }));
  }
}

@ApiTags('public')
@Controller('v1/public/sites')
export class PublicSiteFundingController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get(':id/funding')
  @Public()
  @ApiOkResponse({ type: PublicSiteFundingView })
  @ApiNotFoundResponse({ description: 'No such site (FUNDING.SITE_NOT_FOUND)' })
  async getPublicSiteFunding(@Param('id', UuidParamPipe) siteId: string, @Query() query: MinPositionQuery): Promise<PublicSiteFundingView> {
    await awaitMinPosition(this.projections, query.minPosition, [FUNDING_PROJECTION]);
    const funding = await this.queries.execute(new GetPublicSiteFundingQuery(siteId));
    if (funding === null) throw new FundingSiteNotFound(siteId);
    return funding;
  }
}
