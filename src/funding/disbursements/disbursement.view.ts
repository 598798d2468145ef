// What the API answers for a disbursement (POST /v1/allocations/:id/disbursements, and in the
// staff view of an allocation). Staff only: it carries the payee and the bank reference.
import { ApiProperty } from '@nestjs/swagger';
import { MoneyView } from '../pools/funding-money';
import type { DisbursementEntry } from '../allocations/allocation-book';
import { AllocationView } from '../allocations/allocation.view';

export class DisbursementView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  allocationId!: string;

  @ApiProperty({ type: MoneyView })
  amount!: MoneyView;

  @ApiProperty({ example: '2026-03-10', description: 'Business date of the payment' })
  paidAt!: string;

  @ApiProperty({ example: 'Kolwezi Safety Supplies SARL' })
  payee!: string;

  @ApiProperty({ example: 'OUT-2026-03-0007' })
  bankRef!: string;
}

export class RecordedDisbursementView extends DisbursementView {
  @ApiProperty({ type: AllocationView, description: 'The allocation after this payment' })
  allocation!: AllocationView;
}

export function disbursementViewOf(allocationId: string, entry: DisbursementEntry): DisbursementView {
  return { id: entry.disbursementId, allocationId, amount: entry.amount.toJSON(), paidAt: entry.paidAt, payee: entry.payee, bankRef: entry.bankRef };
}
