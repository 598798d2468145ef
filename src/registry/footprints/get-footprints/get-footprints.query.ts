// Reads footprints with their coverage from the `footprints` read model.
import { Query, QueryHandler, IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { FootprintRow, FootprintView, footprintViewOfRow } from '../footprint.view';

/** One year's footprint (`year` set) or every declared year, newest first. */
export class GetFootprintsQuery extends Query<FootprintView[]> {
  constructor(
    readonly companyId: string,
    readonly year?: number,
  ) {
    super();
  }
}

/** A company's row for a year as the read model has it now (declared or not), or null. */
export async function footprintRowOf(dataSource: DataSource, companyId: string, year: number): Promise<FootprintRow | null> {
  const rows: FootprintRow[] = await dataSource.query(
    'SELECT company_id, year, cobalt_kg, declared_at, retired_kg FROM footprints WHERE company_id = $1 AND year = $2',
    [companyId, year],
  );
  return rows[0] ?? null;
}

@QueryHandler(GetFootprintsQuery)
export class GetFootprintsHandler implements IQueryHandler<GetFootprintsQuery, FootprintView[]> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ companyId, year }: GetFootprintsQuery): Promise<FootprintView[]> {
    // Bounded without paging: one row per year since FIRST_FOOTPRINT_YEAR at most.
    const rows: FootprintRow[] = await this.dataSource.query(
      `SELECT company_id, year, cobalt_kg, declared_at, retired_kg FROM footprints
        WHERE company_id = $1 AND cobalt_kg IS NOT NULL ${year === undefined ? '' : 'AND year = $2'} ORDER BY year DESC`,
      year === undefined ? [companyId] : [companyId, year],
    );
    return rows.map(footprintViewOfRow).filter((view): view is FootprintView => view !== null);
  }
}
