// What the public sees of a site's money (GET /v1/public/sites/:id/funding): where the proceeds
// and grants went, by source, category and project. Never a bank reference, a payee or a
// committee reference: only totals and the projects they paid for.
import { ApiProperty } from '@nestjs/swagger';
import { FUNDING_CATEGORIES, FundingCategory } from '../../allocations/allocation.events';
import { MoneyView } from '../funding-money';
import { PoolSourceView, SiteCategoryView } from './site-funding.view';

export class PublicProceedsView {
  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({ type: MoneyView, description: 'Paid by buyers for credits of this site' })
  gross!: MoneyView;

  @ApiProperty({ type: MoneyView, description: 'Kept by the programme' })
  fee!: MoneyView;

  @ApiProperty({ type: MoneyView, description: 'Credited to the site fund' })
  net!: MoneyView;
}

export class PublicSourceView {
  @ApiProperty({ type: PoolSourceView })
  source!: PoolSourceView;

  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({ type: MoneyView })
  allocated!: MoneyView;

  @ApiProperty({ type: MoneyView })
  disbursed!: MoneyView;
}

export class PublicProjectView {
  @ApiProperty({ example: 'Mine shaft ventilation' })
  project!: string;

  @ApiProperty({ enum: FUNDING_CATEGORIES })
  category!: FundingCategory;

  @ApiProperty({ type: PoolSourceView })
  source!: PoolSourceView;

  @ApiProperty({ type: MoneyView })
  amount!: MoneyView;

  @ApiProperty({ type: MoneyView })
  disbursed!: MoneyView;

  @ApiProperty({ example: '2026-03-10' })
  decidedAt!: string;
}

export class PublicSiteFundingView {
  @ApiProperty({ format: 'uuid' })
  siteId!: string;

  @ApiProperty({ example: 'KAM' })
  siteCode!: string;

  @ApiProperty({ example: 'Kamilombe' })
  siteName!: string;

  @ApiProperty({ type: [PublicProceedsView] })
  proceeds!: PublicProceedsView[];

  @ApiProperty({ type: [PublicSourceView], description: 'Allocated and disbursed per source' })
  sources!: PublicSourceView[];

  @ApiProperty({ type: [SiteCategoryView], description: 'Allocated and disbursed per category' })
  categories!: SiteCategoryView[];

  @ApiProperty({ type: [PublicProjectView], description: 'Active allocations, oldest first' })
  projects!: PublicProjectView[];
}
