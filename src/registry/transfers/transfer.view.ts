// What POST /v1/transfers answers: the units that moved, with their serial numbers.
import { ApiProperty } from '@nestjs/swagger';
import type { CreditsTransferred } from '../batches/batch.events';
import type { IssuedBatch } from '../batches/batch.state';
import { formatSerials } from '../purchases/batch-read-model';
import { SerialRangeView } from '../purchases/purchase.view';

export class TransferView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  batchId!: string;

  @ApiProperty({ format: 'uuid' })
  fromCompanyId!: string;

  @ApiProperty({ format: 'uuid' })
  toCompanyId!: string;

  @ApiProperty({ example: 500 })
  quantityKg!: number;

  @ApiProperty({ type: [SerialRangeView], description: "The sender's lowest held units" })
  serials!: SerialRangeView[];

  @ApiProperty({ type: [String], example: ['RCC-KAM-2023-0001-000001..000500'] })
  serialRanges!: string[];

  @ApiProperty({ format: 'date-time' })
  transferredAt!: string;
}

export function transferView(transferred: CreditsTransferred['data'], label: Pick<IssuedBatch, 'siteCode' | 'vintage' | 'batchNo'>): TransferView {
  return {
    id: transferred.transferId,
    batchId: transferred.batchId,
    fromCompanyId: transferred.fromCompanyId,
    toCompanyId: transferred.toCompanyId,
    quantityKg: transferred.quantityKg,
    serials: transferred.serials.map(({ from, to }) => ({ from, to })),
    serialRanges: formatSerials(label, transferred.serials),
    transferredAt: transferred.transferredAt,
  };
}
