// Projection `footprints`: declared footprints (company streams) and retired kilograms per claim
// year (batch streams) side by side, so coverage is one row read. Retirements are summed: the
// runner applies each event exactly once, and a rebuild starts from empty tables.
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionContext } from '@lib/projections';
import type { CreditsRetired } from '../../batches/batch.events';
import type { FootprintDeclared } from '../footprint.events';

export const FOOTPRINTS_PROJECTION = 'footprints';

export const footprintsProjection: Projection = {
  name: FOOTPRINTS_PROJECTION,
  version: 1,
  tables: ['footprints'],
  eventTypes: ['FootprintDeclared', 'CreditsRetired'],
  async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    const table = context.table('footprints');
    for (const event of events) {
      if (event.type === 'FootprintDeclared') {
        const data = event.data as FootprintDeclared['data'];
        await context.query(
          `INSERT INTO ${table} (company_id, year, cobalt_kg, declared_at, retired_kg) VALUES ($1, $2, $3, $4, 0)
           ON CONFLICT (company_id, year) DO UPDATE SET cobalt_kg = EXCLUDED.cobalt_kg, declared_at = EXCLUDED.declared_at`,
          [data.companyId, data.year, data.cobaltKg, event.metadata.occurredAt],
        );
      } else if (event.type === 'CreditsRetired') {
        const data = event.data as CreditsRetired['data'];
        await context.query(
          `INSERT INTO ${table} (company_id, year, cobalt_kg, declared_at, retired_kg) VALUES ($1, $2, NULL, NULL, $3)
           ON CONFLICT (company_id, year) DO UPDATE SET retired_kg = ${table}.retired_kg + EXCLUDED.retired_kg`,
          [data.companyId, data.claimYear, data.quantityKg],
        );
      }
    }
  },
};
