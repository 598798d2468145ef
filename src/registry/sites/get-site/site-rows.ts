// Rows of the `sites` read model and their API view.
import type { SiteView } from '../site.view';

export const SITE_COLUMNS = 'id, code, name, cooperative, province, country, fee_bps, registered_at';

export interface SiteRow {
  id: string;
  code: string;
  name: string;
  cooperative: string;
  province: string;
  country: string;
  fee_bps: number;
  registered_at: Date;
}

export function siteViewOfRow(row: SiteRow): SiteView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    cooperative: row.cooperative,
    province: row.province,
    country: row.country,
    feeBps: row.fee_bps,
    registeredAt: row.registered_at.toISOString(),
  };
}
