// Projection `purchases`: one row per purchase with its status, for GET /v1/purchases(/:id) and
// for commands that name a purchase by id (payments, cancel) to find its batch.
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionContext } from '@lib/projections';
import type { BatchEvent } from '../../batches/batch.events';
import { asBatchEvent, BatchLabel, batchLabelFrom, rememberBatchLabel } from '../batch-read-model';

export const PURCHASES_PROJECTION = 'purchases';

export const purchasesProjection: Projection = {
  name: PURCHASES_PROJECTION,
  version: 1,
  tables: ['purchases', 'purchase_batches'],
  async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    const labels = new Map<string, BatchLabel | null>();
    for (const recorded of events) {
      const event = asBatchEvent(recorded);
      if (event !== null) await applyOne(event, context, labels);
    }
  },
};

async function applyOne(event: BatchEvent, context: ProjectionContext, labels: Map<string, BatchLabel | null>): Promise<void> {
  const purchases = context.table('purchases');
  switch (event.type) {
    case 'BatchIssued':
      await rememberBatchLabel(context, 'purchase_batches', event.data, labels);
      return;
    case 'CreditsReserved': {
      const d = event.data;
      const label = await batchLabelFrom(context, 'purchase_batches', d.batchId, labels);
      // DO NOTHING: a replayed fact changes nothing.
      await context.query(
        `INSERT INTO ${purchases} (id, batch_id, company_id, status, quantity_kg, serials, site_code, vintage, batch_no,
           price_currency, price_minor, amount_currency, amount_minor, invoice_ref, reserved_at, reserved_until)
         VALUES ($1, $2, $3, 'reserved', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (id) DO NOTHING`,
        [
          d.purchaseId, d.batchId, d.companyId, d.quantityKg, JSON.stringify(d.serials), label?.siteCode ?? null, label?.vintage ?? null,
          label?.batchNo ?? null, d.pricePerTonne.currency, d.pricePerTonne.value, d.amount.currency, d.amount.value, d.invoiceRef,
          d.reservedAt, d.reservedUntil,
        ],
      );
      return;
    }
    case 'PurchaseSettled':
      await context.query(`UPDATE ${purchases} SET status = 'settled', settled_at = $2, payment = $3 WHERE id = $1`, [
        event.data.purchaseId, event.data.settledAt, JSON.stringify(event.data.payment),
      ]);
      return;
    case 'PurchaseCancelled':
    case 'ReservationExpired':
      await context.query(`UPDATE ${purchases} SET status = $2, released_at = $3 WHERE id = $1`, [
        event.data.purchaseId, event.type === 'PurchaseCancelled' ? 'cancelled' : 'expired', event.data.releasedAt,
      ]);
      return;
    case 'BatchRepriced':
    case 'CreditsTransferred':
    case 'CreditsRetired':
    case 'UnitsCancelled':
      return;
    default: {
      const unknown: never = event;
      void unknown;
    }
  }
}
