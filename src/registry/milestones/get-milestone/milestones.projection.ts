// Projection `milestones`: one row per milestone, its status and the credits issued against it,
// for GET /v1/milestones/:id and /v1/sites/:id/milestones.
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionContext } from '@lib/projections';
import type { MilestoneEvent } from '../milestone.events';

export const MILESTONES_PROJECTION = 'milestones';

export const milestonesProjection: Projection = {
  name: MILESTONES_PROJECTION,
  version: 1,
  tables: ['milestones'],
  eventTypes: ['MilestoneProposed', 'MilestoneVerified', 'MilestoneRejected', 'MilestoneCreditsIssued'],
  async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    for (const event of events) await applyOne({ type: event.type, data: event.data } as MilestoneEvent, context);
  },
};

async function applyOne(event: MilestoneEvent, context: ProjectionContext): Promise<void> {
  const table = context.table('milestones');
  // Updates are guarded by status so a fact can only move a row the way `decide` moved the stream.
  switch (event.type) {
    case 'MilestoneProposed': {
      const d = event.data;
      await context.query(
        `INSERT INTO ${table} (id, site_id, title, period_start, period_end, quantity_kg, evidence, status, proposed_by, proposed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 'proposed', $8, $9) ON CONFLICT (id) DO NOTHING`,
        [d.milestoneId, d.siteId, d.title, d.periodStart, d.periodEnd, d.quantityKg, JSON.stringify(d.evidence), d.proposedByKeyId, d.proposedAt],
      );
      return;
    }
    case 'MilestoneVerified': {
      const d = event.data;
      await context.query(`UPDATE ${table} SET status = 'verified', verified_by = $2, verified_at = $3 WHERE id = $1 AND status = 'proposed'`, [
        d.milestoneId,
        d.verifiedByKeyId,
        d.verifiedAt,
      ]);
      return;
    }
    case 'MilestoneRejected': {
      const d = event.data;
      await context.query(
        `UPDATE ${table} SET status = 'rejected', rejected_by = $2, rejected_at = $3, rejection_reason = $4 WHERE id = $1 AND status = 'proposed'`,
        [d.milestoneId, d.rejectedByKeyId, d.rejectedAt, d.reason],
      );
      return;
    }
    case 'MilestoneCreditsIssued':
      // Exactly once per event: the runner commits this with its checkpoint.
      await context.query(`UPDATE ${table} SET issued_kg = issued_kg + $2 WHERE id = $1`, [event.data.milestoneId, event.data.quantityKg]);
      return;
    default: {
      // Not a milestone event: every other event of the log passes through here.
      const other: never = event;
      void other;
      return;
    }
  }
}
