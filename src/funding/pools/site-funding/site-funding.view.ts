// What staff see of a site's funding (GET /v1/sites/:id/funding, and per site in the funding
// report): per source and currency, received / allocated / disbursed / available, and per category.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FUNDING_CATEGORIES, FundingCategory } from '../../allocations/allocation.events';
import { MoneyView } from '../funding-money';

export class PoolSourceView {
  @ApiProperty({ enum: ['credit_sales', 'grant'] })
  type!: 'credit_sales' | 'grant';

  @ApiPropertyOptional({ format: 'uuid' })
  grantId?: string;

  @ApiPropertyOptional({ example: 'European Partnership for Responsible Minerals' })
  funder?: string;

  @ApiPropertyOptional({ example: 'EPRM-2024-017' })
  reference?: string;
}

export class CategoryFiguresView {
  @ApiProperty({ enum: FUNDING_CATEGORIES })
  category!: FundingCategory;

  @ApiProperty({ type: MoneyView })
  allocated!: MoneyView;

  @ApiProperty({ type: MoneyView })
  disbursed!: MoneyView;
}

export class PoolView {
  @ApiProperty({ type: PoolSourceView })
  source!: PoolSourceView;

  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({
    type: MoneyView,
    description: 'credit_sales: net proceeds of the sales at this site. grant: tranches the grant received (shared by the sites it may fund)',
  })
  received!: MoneyView;

  @ApiProperty({ type: MoneyView, description: 'Allocated to this site from this source (cancelled allocations excluded)' })
  allocated!: MoneyView;

  @ApiProperty({ type: MoneyView, description: 'Paid out at this site from this source' })
  disbursed!: MoneyView;

  @ApiProperty({ type: MoneyView, description: 'Received and not yet allocated; for a grant, grant-wide (what any eligible site may still get)' })
  available!: MoneyView;

  @ApiProperty({ type: MoneyView, description: 'Allocated to this site and not yet paid out' })
  undisbursed!: MoneyView;

  @ApiProperty({ type: MoneyView, nullable: true, description: 'credit_sales only: gross sales before the programme fee' })
  grossSales!: MoneyView | null;

  @ApiProperty({ type: MoneyView, nullable: true, description: 'credit_sales only: the programme fee share of those sales' })
  fees!: MoneyView | null;

  @ApiProperty({ type: [CategoryFiguresView] })
  categories!: CategoryFiguresView[];
}

export class SiteCategoryView extends CategoryFiguresView {
  @ApiProperty({ example: 'USD' })
  currency!: string;
}

export class SiteFundingView {
  @ApiProperty({ format: 'uuid' })
  siteId!: string;

  @ApiProperty({ example: 'KAM' })
  siteCode!: string;

  @ApiProperty({ example: 'Kamilombe' })
  siteName!: string;

  @ApiProperty({ type: [PoolView], description: 'Sale proceeds first, then grants by reference; currencies in code order' })
  pools!: PoolView[];

  @ApiProperty({ type: [SiteCategoryView], description: 'Per category and currency, all sources together' })
  categories!: SiteCategoryView[];
}
