// Reads one company from the `companies` read model.
import { Query, QueryHandler, IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { CompanyView } from '../company.view';

export class GetCompanyQuery extends Query<CompanyView | null> {
  constructor(readonly companyId: string) {
    super();
  }
}

interface CompanyRow {
  id: string;
  name: string;
  country: string;
  lei: string | null;
  registered_at: Date;
}

@QueryHandler(GetCompanyQuery)
export class GetCompanyHandler implements IQueryHandler<GetCompanyQuery, CompanyView | null> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ companyId }: GetCompanyQuery): Promise<CompanyView | null> {
    const rows: CompanyRow[] = await this.dataSource.query('SELECT id, name, country, lei, registered_at FROM companies WHERE id = $1', [companyId]);
    if (rows.length === 0) return null;
    const [row] = rows;
    return { id: row.id, name: row.name, country: row.country, lei: row.lei, registeredAt: row.registered_at.toISOString() };
  }
}
