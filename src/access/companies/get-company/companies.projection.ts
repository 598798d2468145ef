// Projection `companies`: one row per registered company, for GET /v1/companies/:id.
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionContext } from '@lib/projections';
import type { CompanyRegisteredData } from '../company.events';

export const COMPANIES_PROJECTION = 'companies';

export const companiesProjection: Projection = {
  name: COMPANIES_PROJECTION,
  version: 1,
  tables: ['companies'],
  eventTypes: ['CompanyRegistered'],
  async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    const table = context.table('companies');
    for (const event of events) {
      if (event.type !== 'CompanyRegistered') continue;
      const data = event.data as CompanyRegisteredData;
      // DO NOTHING: a recorded fact is never refused, and a replayed one changes nothing.
      await context.query(
        `INSERT INTO ${table} (id, name, country, lei, registered_at, registered_by)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
        [data.companyId, data.name, data.country, data.lei, event.metadata.occurredAt, event.metadata.actorKeyId],
      );
    }
  },
};
