// Projection `retirements`: one row per CreditsRetired, for GET /v1/retirements/:id, certificates
// and the public retirement pages (which read the same table: see RETIREMENT_COLUMNS).
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionContext } from '@lib/projections';
import { asBatchEvent, BatchLabel, batchLabelFrom, rememberBatchLabel } from '../../purchases/batch-read-model';

export const RETIREMENTS_PROJECTION = 'retirements';

export const retirementsProjection: Projection = {
  name: RETIREMENTS_PROJECTION,
  version: 1,
  tables: ['retirements', 'retirement_batches'],
  eventTypes: ['BatchIssued', 'CreditsRetired'],
  async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    const labels = new Map<string, BatchLabel | null>();
    for (const recorded of events) {
      const event = asBatchEvent(recorded);
      if (event?.type === 'BatchIssued') await rememberBatchLabel(context, 'retirement_batches', event.data, labels);
      if (event?.type !== 'CreditsRetired') continue;
      const d = event.data;
      const label = await batchLabelFrom(context, 'retirement_batches', d.batchId, labels);
      // DO NOTHING: a replayed fact changes nothing.
      await context.query(
        `INSERT INTO ${context.table('retirements')} (id, certificate_no, batch_id, company_id, quantity_kg, serials, claim_year,
           beneficiary_name, beneficiary_lei, purpose, retired_at, site_id, site_code, vintage, batch_no)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (id) DO NOTHING`,
        [
          d.retirementId, d.certificateNo, d.batchId, d.companyId, d.quantityKg, JSON.stringify(d.serials), d.claimYear, d.beneficiary.name,
          d.beneficiary.lei ?? null, d.purpose, d.retiredAt, label?.siteId ?? null, label?.siteCode ?? null, label?.vintage ?? null,
          label?.batchNo ?? null,
        ],
      );
    }
  },
};
