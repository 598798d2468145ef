// Projection `purchases`: one row per purchase with its status, for GET /v1/purchases(/:id) and
// for commands that name a purchase by id (payments, cancel) to find its batch. Why rows are
// written in runs: under load a batch of events holds hundreds of reservations (or settlements) in
// a row; each run is written with one multi-row statement, and a run ends before an event of
// another kind, so rows are still written in log order.
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionContext } from '@lib/projections';
import type { BatchEvent, CreditsReserved, PurchaseSettled } from '../../batches/batch.events';
import { asBatchEvent, BatchLabel, batchLabelFrom, prefetchBatchLabels, rememberBatchLabel } from '../batch-read-model';

export const PURCHASES_PROJECTION = 'purchases';

type Run = { kind: 'reserved'; rows: CreditsReserved['data'][] } | { kind: 'settled'; rows: PurchaseSettled['data'][] };

export const purchasesProjection: Projection = {
  name: PURCHASES_PROJECTION,
  version: 1,
  tables: ['purchases', 'purchase_batches'],
  async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    const batchEvents = events.map(asBatchEvent).filter((event): event is BatchEvent => event !== null);
    const labels = new Map<string, BatchLabel | null>();
    const reservedIn = batchEvents.flatMap((event) => (event.type === 'CreditsReserved' ? [event.data.batchId] : []));
    await prefetchBatchLabels(context, 'purchase_batches', reservedIn, labels);
    let run: Run | null = null;
    for (const event of batchEvents) {
      if (event.type === 'CreditsReserved' || event.type === 'PurchaseSettled') {
        if (run !== null && run.kind !== (event.type === 'CreditsReserved' ? 'reserved' : 'settled')) run = await flush(run, context, labels);
        if (event.type === 'CreditsReserved') {
          run ??= { kind: 'reserved', rows: [] };
          (run as Extract<Run, { kind: 'reserved' }>).rows.push(event.data);
        } else {
          run ??= { kind: 'settled', rows: [] };
          (run as Extract<Run, { kind: 'settled' }>).rows.push(event.data);
        }
        continue;
      }
      if (run !== null) run = await flush(run, context, labels);
      await applyOne(event, context, labels);
    }
    if (run !== null) await flush(run, context, labels);
  },
};

/** Writes a run with one statement; returns null (no run open any more). */
async function flush(run: Run, context: ProjectionContext, labels: Map<string, BatchLabel | null>): Promise<null> {
  const purchases = context.table('purchases');
  switch (run.kind) {
    case 'reserved': {
      const rows: Array<{ d: CreditsReserved['data']; label: BatchLabel | null }> = [];
      for (const d of run.rows) rows.push({ d, label: await batchLabelFrom(context, 'purchase_batches', d.batchId, labels) });
      // DO NOTHING: a replayed fact changes nothing.
      await context.query(
        `INSERT INTO ${purchases} (id, batch_id, company_id, status, quantity_kg, serials, site_code, vintage, batch_no,
           price_currency, price_minor, amount_currency, amount_minor, invoice_ref, reserved_at, reserved_until)
         SELECT id, batch_id, company_id, 'reserved', quantity_kg, serials, site_code, vintage, batch_no,
           price_currency, price_minor, amount_currency, amount_minor, invoice_ref, reserved_at, reserved_until
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::jsonb[], $6::text[], $7::int[], $8::int[], $9::text[],
                       $10::bigint[], $11::text[], $12::bigint[], $13::text[], $14::timestamptz[], $15::timestamptz[])
             AS r(id, batch_id, company_id, quantity_kg, serials, site_code, vintage, batch_no, price_currency, price_minor,
                  amount_currency, amount_minor, invoice_ref, reserved_at, reserved_until)
         ON CONFLICT (id) DO NOTHING`,
        [
          rows.map(({ d }) => d.purchaseId),
          rows.map(({ d }) => d.batchId),
          rows.map(({ d }) => d.companyId),
          rows.map(({ d }) => d.quantityKg),
          rows.map(({ d }) => JSON.stringify(d.serials)),
          rows.map(({ label }) => label?.siteCode ?? null),
          rows.map(({ label }) => label?.vintage ?? null),
          rows.map(({ label }) => label?.batchNo ?? null),
          rows.map(({ d }) => d.pricePerTonne.currency),
          rows.map(({ d }) => d.pricePerTonne.value),
          rows.map(({ d }) => d.amount.currency),
          rows.map(({ d }) => d.amount.value),
          rows.map(({ d }) => d.invoiceRef),
          rows.map(({ d }) => d.reservedAt),
          rows.map(({ d }) => d.reservedUntil),
        ],
      );
      return null;
    }
    case 'settled':
      // A purchase is settled once, so no id repeats within the run.
      await context.query(
        `UPDATE ${purchases} AS p SET status = 'settled', settled_at = s.settled_at, payment = s.payment
           FROM unnest($1::uuid[], $2::timestamptz[], $3::jsonb[]) AS s(id, settled_at, payment)
          WHERE p.id = s.id`,
        [run.rows.map((d) => d.purchaseId), run.rows.map((d) => d.settledAt), run.rows.map((d) => JSON.stringify(d.payment))],
      );
      return null;
    default: {
      const unknown: never = run;
      void unknown;
      return null;
    }
  }
}

async function applyOne(event: BatchEvent, context: ProjectionContext, labels: Map<string, BatchLabel | null>): Promise<void> {
  const purchases = context.table('purchases');
  switch (event.type) {
    case 'BatchIssued':
      await rememberBatchLabel(context, 'purchase_batches', event.data, labels);
      return;
    case 'PurchaseCancelled':
    case 'ReservationExpired':
      await context.query(`UPDATE ${purchases} SET status = $2, released_at = $3 WHERE id = $1`, [
        event.data.purchaseId, event.type === 'PurchaseCancelled' ? 'cancelled' : 'expired', event.data.releasedAt,
      ]);
      return;
    case 'CreditsReserved':
    case 'PurchaseSettled':
      // Written in runs (flush).
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
