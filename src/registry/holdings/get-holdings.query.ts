// Reads a company's holdings from the `holdings` read model; null when no such company is registered.
import { Query, QueryHandler, IQueryHandler } from '@nestjs/cqrs';
import type { SerialRange } from '@lib/kernel';
import { DataSource } from 'typeorm';
import { formatSerials } from '../purchases/batch-read-model';
import type { HoldingBatchView, HoldingsView } from './holding.view';

export class GetHoldingsQuery extends Query<HoldingsView | null> {
  constructor(readonly companyId: string) {
    super();
  }
}

interface HoldingRow {
  batch_id: string;
  held_kg: string;
  serials: SerialRange[];
  retired_kg: string;
  site_id: string | null;
  site_code: string | null;
  vintage: number | null;
  batch_no: number | null;
}

function batchView(row: HoldingRow): HoldingBatchView {
  const serials = row.serials.map(({ from, to }) => ({ from, to }));
  const labelled = row.site_code !== null && row.vintage !== null && row.batch_no !== null;
  return {
    batchId: row.batch_id,
    siteId: row.site_id,
    siteCode: row.site_code,
    vintage: row.vintage,
    batchNo: row.batch_no,
    heldKg: Number(row.held_kg),
    retiredKg: Number(row.retired_kg),
    serials,
    serialRanges: labelled ? formatSerials({ siteCode: row.site_code as string, vintage: row.vintage as number, batchNo: row.batch_no as number }, serials) : [],
  };
}

@QueryHandler(GetHoldingsQuery)
export class GetHoldingsHandler implements IQueryHandler<GetHoldingsQuery, HoldingsView | null> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ companyId }: GetHoldingsQuery): Promise<HoldingsView | null> {
    const companies: unknown[] = await this.dataSource.query('SELECT 1 FROM companies WHERE id = $1', [companyId]);
    if (companies.length === 0) return null;
    const rows: HoldingRow[] = await this.dataSource.query(
      `SELECT batch_id, held_kg, serials, retired_kg, site_id, site_code, vintage, batch_no
         FROM holdings WHERE company_id = $1 ORDER BY site_code, vintage, batch_no, batch_id`,
      [companyId],
    );
    const batches = rows.map(batchView);
    return {
      companyId,
      totalHeldKg: batches.reduce((sum, batch) => sum + batch.heldKg, 0),
      totalRetiredKg: batches.reduce((sum, batch) => sum + batch.retiredKg, 0),
      batches,
    };
  }
}
