// Reads a reconciliation period: status from its stream (closing is decided there), totals and a
// page of lines from the `reconciliation` read model.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Money } from '@lib/kernel';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../../access/http/page-query.dto';
import { RequestValidationFailed } from '../../../ops/http/request.errors';
import { PeriodGuard } from '../../periods/period-guard';
import { LINE_COLUMNS, LineRow } from '../read-model/reconciliation-rows';
import { lineViewOfRow } from '../statement-line.view';
import { CurrencyTotalsView, PeriodView } from './period.view';

export class GetPeriodQuery extends Query<PeriodView> {
  constructor(
    readonly period: string,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}

interface TotalsRow {
  currency: string;
  inflows: string;
  outflows: string;
  matched: string;
  unmatched: string;
  line_count: number;
  open_line_count: number;
}

/** Sort key of the last line of a page: value date, statement id, position in the file. */
type LineCursor = [string, string, number];

@QueryHandler(GetPeriodQuery)
export class GetPeriodHandler implements IQueryHandler<GetPeriodQuery, PeriodView> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly periods: PeriodGuard,
  ) {}

  async execute({ period, limit, cursor }: GetPeriodQuery): Promise<PeriodView> {
    const after = cursor === undefined ? null : parseCursor(cursor);
    const { state } = await this.periods.load(period);
    const totals: TotalsRow[] = await this.dataSource.query(
      `SELECT currency,
              coalesce(sum(amount_minor) FILTER (WHERE amount_minor > 0), 0)::text AS inflows,
              coalesce(-sum(amount_minor) FILTER (WHERE amount_minor < 0), 0)::text AS outflows,
              coalesce(sum(amount_minor) FILTER (WHERE status <> 'unmatched'), 0)::text AS matched,
              coalesce(sum(amount_minor) FILTER (WHERE status = 'unmatched'), 0)::text AS unmatched,
              count(*)::int AS line_count,
              (count(*) FILTER (WHERE status = 'unmatched'))::int AS open_line_count
         FROM reconciliation_lines WHERE period = $1 GROUP BY currency ORDER BY currency`,
      [period],
    );
    const rows: LineRow[] = await this.dataSource.query(
      `SELECT ${LINE_COLUMNS} FROM reconciliation_lines
        WHERE period = $1 AND ($2::date IS NULL OR (value_date, statement_id, line_index) > ($2::date, $3::uuid, $4::int))
        ORDER BY value_date, statement_id, line_index LIMIT $5`,
      [period, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      period,
      status: state.status,
      closedAt: state.status === 'closed' ? state.closedAt : null,
      totals: totals.map(totalsView),
      lines: page.map(lineViewOfRow),
      nextCursor: rows.length > limit && last !== undefined ? encodeCursor([last.value_date, last.statement_id, last.line_index] satisfies LineCursor) : null,
    };
  }
}

function totalsView(row: TotalsRow): CurrencyTotalsView {
  const money = (minor: string) => Money.of(row.currency, minor).toJSON();
  return {
    currency: row.currency,
    inflows: money(row.inflows),
    outflows: money(row.outflows),
    matched: money(row.matched),
    unmatched: money(row.unmatched),
    lineCount: row.line_count,
    openLineCount: row.open_line_count,
  };
}

function parseCursor(cursor: string): LineCursor {
  const value = decodeCursor(cursor);
  const valid =
    Array.isArray(value) && value.length === 3 && typeof value[0] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value[0]) &&
    typeof value[1] === 'string' && /^[0-9a-f-]{36}$/.test(value[1]) && Number.isInteger(value[2]);
  if (!valid) throw new RequestValidationFailed({ cursor: ['cursor must be a cursor returned by a previous page of this period'] });
  return value as LineCursor;
}
