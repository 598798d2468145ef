// The funding report as of a day (GET /v1/reports/funding?asOf=): every site's pools by source,
// category and currency, every grant, the programme pool, and totals per currency (R5: never
// summed across currencies).
import { ApiProperty } from '@nestjs/swagger';
import { MoneyView } from '../../pools/funding-money';
import { SiteFundingView } from '../../pools/site-funding/site-funding.view';

export class GrantFiguresView {
  @ApiProperty({ format: 'uuid' })
  grantId!: string;

  @ApiProperty()
  funder!: string;

  @ApiProperty()
  reference!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ type: MoneyView, description: 'The award' })
  total!: MoneyView;

  @ApiProperty({ type: MoneyView })
  received!: MoneyView;

  @ApiProperty({ type: MoneyView })
  allocated!: MoneyView;

  @ApiProperty({ type: MoneyView })
  disbursed!: MoneyView;

  @ApiProperty({ type: MoneyView, description: 'Received and not allocated' })
  unallocated!: MoneyView;

  @ApiProperty({ type: MoneyView, description: 'Allocated and not paid out' })
  undisbursed!: MoneyView;

  @ApiProperty({ type: MoneyView, description: 'Awarded and not yet received' })
  outstanding!: MoneyView;
}

export class ProgrammeFiguresView {
  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({ type: MoneyView, description: 'Gross sales the fees were taken from' })
  grossSales!: MoneyView;

  @ApiProperty({ type: MoneyView, description: 'Fees received by the programme' })
  received!: MoneyView;
}

export class CurrencyTotalsView {
  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({ type: MoneyView, description: 'Net sale proceeds + grant tranches + programme fees' })
  received!: MoneyView;

  @ApiProperty({ type: MoneyView })
  allocated!: MoneyView;

  @ApiProperty({ type: MoneyView })
  disbursed!: MoneyView;
}

export class FundingReportView {
  @ApiProperty({ example: '2026-03-31' })
  asOf!: string;

  @ApiProperty({ description: 'Which movements the figures include' })
  basis!: string;

  @ApiProperty({ type: [SiteFundingView], description: 'Sites with a movement, by code; grant pools show the grants each site received from' })
  sites!: SiteFundingView[];

  @ApiProperty({ type: [GrantFiguresView] })
  grants!: GrantFiguresView[];

  @ApiProperty({ type: [ProgrammeFiguresView] })
  programme!: ProgrammeFiguresView[];

  @ApiProperty({ type: [CurrencyTotalsView] })
  totals!: CurrencyTotalsView[];
}
