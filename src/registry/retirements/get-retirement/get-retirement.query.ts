// Reads retirements from the `retirements` read model. RetirementRow and retirementViewOfRow are
// what other slices (certificates, public retirement pages) read the same table with.
import { Query, QueryHandler, IQueryHandler } from '@nestjs/cqrs';
import type { SerialRange } from '@lib/kernel';
import { DataSource } from 'typeorm';
import { formatSerials } from '../../purchases/batch-read-model';
import type { RetirementView } from '../retirement.view';

export interface RetirementRow {
  id: string;
  certificate_no: string;
  batch_id: string;
  company_id: string;
  /** bigint columns arrive as text. */
  quantity_kg: string;
  serials: SerialRange[];
  claim_year: number;
  beneficiary_name: string;
  beneficiary_lei: string | null;
  purpose: string;
  retired_at: Date;
  site_id: string | null;
  site_code: string | null;
  vintage: number | null;
  batch_no: number | null;
}

export const RETIREMENT_COLUMNS =
  'id, certificate_no, batch_id, company_id, quantity_kg, serials, claim_year, beneficiary_name, beneficiary_lei, purpose, ' +
  'retired_at, site_id, site_code, vintage, batch_no';

export function retirementViewOfRow(row: RetirementRow): RetirementView {
  const serials = row.serials.map(({ from, to }) => ({ from, to }));
  const labelled = row.site_code !== null && row.vintage !== null && row.batch_no !== null;
  return {
    id: row.id,
    certificateNo: row.certificate_no,
    batchId: row.batch_id,
    companyId: row.company_id,
    quantityKg: Number(row.quantity_kg),
    serials,
    serialRanges: labelled ? formatSerials({ siteCode: row.site_code as string, vintage: row.vintage as number, batchNo: row.batch_no as number }, serials) : [],
    claimYear: row.claim_year,
    beneficiary: { name: row.beneficiary_name, lei: row.beneficiary_lei },
    purpose: row.purpose,
    retiredAt: row.retired_at.toISOString(),
    siteId: row.site_id,
    siteCode: row.site_code,
    vintage: row.vintage,
    batchNo: row.batch_no,
  };
}

export class GetRetirementQuery extends Query<RetirementView | null> {
  constructor(readonly retirementId: string) {
    super();
  }
}

@QueryHandler(GetRetirementQuery)
export class GetRetirementHandler implements IQueryHandler<GetRetirementQuery, RetirementView | null> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ retirementId }: GetRetirementQuery): Promise<RetirementView | null> {
    const rows: RetirementRow[] = await this.dataSource.query(`SELECT ${RETIREMENT_COLUMNS} FROM retirements WHERE id = $1`, [retirementId]);
    return rows.length === 0 ? null : retirementViewOfRow(rows[0]);
  }
}
