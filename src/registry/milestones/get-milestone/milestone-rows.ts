// Rows of the `milestones` read model and their API view.
import type { Evidence } from '../milestone.events';
import type { MilestoneStatus, MilestoneView } from '../milestone.view';

export const MILESTONE_COLUMNS = `id, site_id, title, period_start::text AS period_start, period_end::text AS period_end,
  quantity_kg::text AS quantity_kg, evidence, status, proposed_by, proposed_at, verified_by, verified_at,
  rejected_by, rejected_at, rejection_reason, issued_kg::text AS issued_kg`;

export interface MilestoneRow {
  id: string;
  site_id: string;
  title: string;
  period_start: string;
  period_end: string;
  quantity_kg: string;
  evidence: Evidence[];
  status: MilestoneStatus;
  proposed_by: string;
  proposed_at: Date;
  verified_by: string | null;
  verified_at: Date | null;
  rejected_by: string | null;
  rejected_at: Date | null;
  rejection_reason: string | null;
  issued_kg: string;
}

export function milestoneViewOfRow(row: MilestoneRow): MilestoneView {
  const quantityKg = Number(row.quantity_kg);
  const issuedKg = Number(row.issued_kg);
  const rejection =
    row.status === 'rejected' && row.rejection_reason !== null && row.rejected_by !== null && row.rejected_at !== null
      ? { reason: row.rejection_reason, rejectedByKeyId: row.rejected_by, rejectedAt: row.rejected_at.toISOString() }
      : null;
  return {
    id: row.id,
    siteId: row.site_id,
    title: row.title,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    quantityKg,
    evidence: row.evidence.map(({ uri, sha256 }) => ({ uri, sha256 })),
    status: row.status,
    proposedByKeyId: row.proposed_by,
    proposedAt: row.proposed_at.toISOString(),
    verifiedByKeyId: row.verified_by,
    verifiedAt: row.verified_at?.toISOString() ?? null,
    rejection,
    issuedKg,
    remainingKg: row.status === 'verified' ? quantityKg - issuedKg : 0,
  };
}
