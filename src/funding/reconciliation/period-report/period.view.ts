// What GET /v1/reconciliation/periods/:period answers: the month's status, its totals per
// currency (never summed across currencies, R5) and one page of its statement lines.
import { ApiProperty } from '@nestjs/swagger';
import { MoneyAmountView, StatementLineView } from '../statement-line.view';

export class CurrencyTotalsView {
  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({ type: MoneyAmountView, description: 'Sum of money in' })
  inflows!: MoneyAmountView;

  @ApiProperty({ type: MoneyAmountView, description: 'Sum of money out, as a positive amount' })
  outflows!: MoneyAmountView;

  @ApiProperty({ type: MoneyAmountView, description: 'Net (in − out) of lines matched or explained' })
  matched!: MoneyAmountView;

  @ApiProperty({ type: MoneyAmountView, description: 'Net (in − out) of lines still open; inflows − outflows = matched + unmatched' })
  unmatched!: MoneyAmountView;

  @ApiProperty()
  lineCount!: number;

  @ApiProperty({ description: 'Lines neither matched nor explained' })
  openLineCount!: number;
}

export class PeriodView {
  @ApiProperty({ example: '2026-03' })
  period!: string;

  @ApiProperty({ enum: ['open', 'closed'] })
  status!: 'open' | 'closed';

  @ApiProperty({ type: String, nullable: true })
  closedAt!: string | null;

  @ApiProperty({ type: [CurrencyTotalsView], description: 'Over every line of the month, not only this page' })
  totals!: CurrencyTotalsView[];

  @ApiProperty({ type: [StatementLineView], description: 'By value date, then statement and file order' })
  lines!: StatementLineView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
