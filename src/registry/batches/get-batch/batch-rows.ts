// Rows of the `batches` read model and their API view. bigint columns are read as text and
// converted: quantities are safe integers by construction (assertQuantityKg).
import { serialBlockOf, BatchView } from '../batch.view';

export const BATCH_COLUMNS = `id, site_id, site_code, milestone_id, vintage, batch_no, currency,
  price_per_tonne_minor::text AS price_per_tonne_minor, issued_kg::text AS issued_kg, available_kg::text AS available_kg,
  reserved_kg::text AS reserved_kg, held_kg::text AS held_kg, retired_kg::text AS retired_kg,
  cancelled_kg::text AS cancelled_kg, issued_at`;

export interface BatchRow {
  id: string;
  site_id: string;
  site_code: string;
  milestone_id: string;
  vintage: number;
  batch_no: number;
  currency: string;
  price_per_tonne_minor: string;
  issued_kg: string;
  available_kg: string;
  reserved_kg: string;
  held_kg: string;
  retired_kg: string;
  cancelled_kg: string;
  issued_at: Date;
}

export function batchViewOfRow(row: BatchRow): BatchView {
  const issuedKg = Number(row.issued_kg);
  const heldKg = Number(row.held_kg);
  const retiredKg = Number(row.retired_kg);
  return {
    id: row.id,
    siteId: row.site_id,
    siteCode: row.site_code,
    milestoneId: row.milestone_id,
    vintage: row.vintage,
    batchNo: row.batch_no,
    ...serialBlockOf({ siteCode: row.site_code, vintage: row.vintage, batchNo: row.batch_no, issuedKg }),
    pricePerTonne: { currency: row.currency, value: Number(row.price_per_tonne_minor) },
    issuedKg,
    availableKg: Number(row.available_kg),
    reservedKg: Number(row.reserved_kg),
    soldKg: heldKg + retiredKg,
    heldKg,
    retiredKg,
    cancelledKg: Number(row.cancelled_kg),
    issuedAt: row.issued_at.toISOString(),
  };
}
