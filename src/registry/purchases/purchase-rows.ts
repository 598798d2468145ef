// Reading the `purchases` read model: row → PurchaseView, and finding one purchase for a command
// that names it by id, waiting (bounded) for the projection to reach the log head before saying 404.
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@lib/event-store';
import { SerialRange, uuidV7TimeMs } from '@lib/kernel';
import { CheckpointStore, projectionConsumer } from '@lib/projections';
import { DataSource } from 'typeorm';
import { EVENT_STORE } from '../../ops/platform/platform.tokens';
import { ProjectionsHost } from '../../ops/platform/projections-host';
import type { PaymentRecord } from '../batches/batch.events';
import { formatSerials } from './batch-read-model';
import { PURCHASES_PROJECTION, purchasesProjection } from './list-purchases/purchases.projection';
import type { PurchaseStatus, PurchaseView } from './purchase.view';

export interface PurchaseRow {
  id: string;
  batch_id: string;
  company_id: string;
  status: PurchaseStatus;
  /** bigint columns arrive as text. */
  quantity_kg: string;
  serials: SerialRange[];
  site_code: string | null;
  vintage: number | null;
  batch_no: number | null;
  price_currency: string;
  price_minor: string;
  amount_currency: string;
  amount_minor: string;
  invoice_ref: string;
  reserved_at: Date;
  reserved_until: Date;
  settled_at: Date | null;
  payment: PaymentRecord | null;
  released_at: Date | null;
}

export const PURCHASE_COLUMNS =
  'id, batch_id, company_id, status, quantity_kg, serials, site_code, vintage, batch_no, price_currency, price_minor, ' +
  'amount_currency, amount_minor, invoice_ref, reserved_at, reserved_until, settled_at, payment, released_at';

export function purchaseViewOfRow(row: PurchaseRow): PurchaseView {
  const serials = row.serials.map(({ from, to }) => ({ from, to }));
  const labelled = row.site_code !== null && row.vintage !== null && row.batch_no !== null;
  return {
    id: row.id,
    batchId: row.batch_id,
    companyId: row.company_id,
    status: row.status,
    quantityKg: Number(row.quantity_kg),
    pricePerTonne: { currency: row.price_currency, value: Number(row.price_minor) },
    amount: { currency: row.amount_currency, value: Number(row.amount_minor) },
    invoiceRef: row.invoice_ref,
    reservedAt: row.reserved_at.toISOString(),
    reservedUntil: row.reserved_until.toISOString(),
    serials,
    serialRanges: labelled ? formatSerials({ siteCode: row.site_code as string, vintage: row.vintage as number, batchNo: row.batch_no as number }, serials) : [],
    settledAt: row.settled_at?.toISOString() ?? null,
    payment: row.payment,
    releasedAt: row.released_at?.toISOString() ?? null,
  };
}

/** Events read ahead of the projection to find the log head; a bound on the work of one lookup. */
const HEAD_SCAN_LIMIT = 1_000;

@Injectable()
export class PurchaseRows {
  private readonly checkpoints: CheckpointStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly projections: ProjectionsHost,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {
    this.checkpoints = new CheckpointStore(dataSource);
  }

  async find(purchaseId: string): Promise<PurchaseView | null> {
    const rows: PurchaseRow[] = await this.dataSource.query(`SELECT ${PURCHASE_COLUMNS} FROM purchases WHERE id = $1`, [purchaseId]);
    return rows.length === 0 ? null : purchaseViewOfRow(rows[0]);
  }

  /**
   * For commands naming a purchase: a missing row may only mean the projection is behind (the
   * purchase was just made), so wait (bounded) until the projection has applied the log head as
   * far as it can be seen. Why not answer 404 as soon as the projection looks caught up: a
   * PostgreSQL catch-up read hides events committed after any still-open older transaction, so
   * "nothing ahead" can be momentarily wrong. Purchase ids are UUID v7; only one minted in the last
   * RECENT_PURCHASE_MS (so possibly still hidden) is worth the whole wait.
   */
  async findOrWaitForHead(purchaseId: string): Promise<PurchaseView | null> {
    const deadline = Date.now() + this.projections.readWaitMs;
    for (;;) {
      const found = await this.find(purchaseId);
      if (found !== null) return found;
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) return null;
      const checkpoint = await this.checkpoints.load(projectionConsumer(PURCHASES_PROJECTION));
      const from = checkpoint?.version === purchasesProjection.version ? checkpoint.position : null;
      const ahead = await this.eventStore.readAll(from, HEAD_SCAN_LIMIT);
      if (ahead.length > 0) {
        await this.projections.waitForPosition(ahead[ahead.length - 1].position, remainingMs, [PURCHASES_PROJECTION]);
      } else if (!mintedRecently(purchaseId)) {
        return null;
      } else {
        await sleep(Math.min(HIDDEN_TAIL_POLL_MS, remainingMs));
      }
    }
  }
}

/** How recent a purchase id must be for a missing row to be worth waiting for. */
const RECENT_PURCHASE_MS = 60_000;
const HIDDEN_TAIL_POLL_MS = 25;

function mintedRecently(purchaseId: string): boolean {
  if (purchaseId[14] !== '7') return false;
  return Date.now() - uuidV7TimeMs(purchaseId) < RECENT_PURCHASE_MS;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
