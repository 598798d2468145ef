// Projection `sites`: one row per registered site, for GET /v1/sites and /v1/sites/:id.
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionContext } from '@lib/projections';
import type { SiteRegistered } from '../site.events';

export const SITES_PROJECTION = 'sites';

export const sitesProjection: Projection = {
  name: SITES_PROJECTION,
  version: 1,
  tables: ['sites'],
  eventTypes: ['SiteRegistered'],
  async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    const table = context.table('sites');
    for (const event of events) {
      if (event.type !== 'SiteRegistered') continue;
      const data = event.data as SiteRegistered['data'];
      // DO NOTHING: a recorded fact is never refused, and a replayed one changes nothing.
      await context.query(
        `INSERT INTO ${table} (id, code, name, cooperative, province, country, fee_bps, registered_at, registered_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
        [data.siteId, data.code, data.name, data.cooperative, data.province, data.country, data.feeBps, data.registeredAt, event.metadata.actorKeyId],
      );
    }
  },
};
