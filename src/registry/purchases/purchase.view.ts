// What the API shows of a purchase (POST/GET /v1/purchases…), built either from the batch state a
// command left (answers of commands) or from a row of the `purchases` read model (GETs).
import { ApiProperty } from '@nestjs/swagger';
import type { CreditsReserved, PaymentRecord } from '../batches/batch.events';
import type { IssuedBatch, PurchaseOutcome } from '../batches/batch.state';
import { formatSerials } from './batch-read-model';
import { MoneyView } from './money.view';

export const PURCHASE_STATUSES = ['reserved', 'settled', 'cancelled', 'expired'] as const;
export type PurchaseStatus = 'reserved' | PurchaseOutcome;

export class SerialRangeView {
  @ApiProperty({ example: 1 })
  from!: number;

  @ApiProperty({ example: 100 })
  to!: number;
}

export class PaymentView {
  @ApiProperty({ type: MoneyView })
  amount!: MoneyView;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ example: 'BANK-2026-03-0042' })
  bankRef!: string;
}

export class PurchaseView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  batchId!: string;

  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiProperty({ enum: PURCHASE_STATUSES })
  status!: PurchaseStatus;

  @ApiProperty({ example: 2500 })
  quantityKg!: number;

  @ApiProperty({ type: MoneyView, description: 'Price per tonne when reserved' })
  pricePerTonne!: MoneyView;

  @ApiProperty({ type: MoneyView, description: 'round-half-even(quantityKg × pricePerTonne / 1000) (R5)' })
  amount!: MoneyView;

  @ApiProperty({ example: 'INV-KAM-2023-0001-00001' })
  invoiceRef!: string;

  @ApiProperty({ format: 'date-time' })
  reservedAt!: string;

  @ApiProperty({ format: 'date-time', description: 'Unpaid reservations expire then and their units are freed' })
  reservedUntil!: string;

  @ApiProperty({ type: [SerialRangeView], description: 'Units reserved for (then delivered by) this purchase' })
  serials!: SerialRangeView[];

  @ApiProperty({ type: [String], example: ['RCC-KAM-2023-0001-000001..002500'] })
  serialRanges!: string[];

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  settledAt!: string | null;

  @ApiProperty({ type: PaymentView, nullable: true })
  payment!: PaymentView | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When a cancelled or expired reservation freed its units' })
  releasedAt!: string | null;
}

/** The purchase a `CreditsReserved` event opened, with the batch's label for its serials. */
export function reservedPurchaseView(reserved: CreditsReserved['data'], label: Pick<IssuedBatch, 'siteCode' | 'vintage' | 'batchNo'>): PurchaseView {
  return {
    id: reserved.purchaseId,
    batchId: reserved.batchId,
    companyId: reserved.companyId,
    status: 'reserved',
    quantityKg: reserved.quantityKg,
    pricePerTonne: reserved.pricePerTonne,
    amount: reserved.amount,
    invoiceRef: reserved.invoiceRef,
    reservedAt: reserved.reservedAt,
    reservedUntil: reserved.reservedUntil,
    serials: reserved.serials.map(({ from, to }) => ({ from, to })),
    serialRanges: formatSerials(label, reserved.serials),
    settledAt: null,
    payment: null,
    releasedAt: null,
  };
}

/** A purchase after it left the `reserved` status, from what was shown before and the closing facts. */
export function closedPurchaseView(
  before: PurchaseView,
  status: PurchaseOutcome,
  closing: { at: string | null; payment?: PaymentRecord },
): PurchaseView {
  if (status === 'settled') return { ...before, status, settledAt: closing.at ?? before.settledAt, payment: closing.payment ?? before.payment };
  return { ...before, status, releasedAt: closing.at ?? before.releasedAt };
}
