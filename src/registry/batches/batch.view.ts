// What the API shows of a batch: identity, serial block, price and supply (DESIGN §4). Built from
// the batch state for command answers (issuance, reprice) and from the `batches` read model for GETs.
import { ApiProperty } from '@nestjs/swagger';
import { formatSerialRange, MoneyJson } from '@lib/kernel';
import { heldUnits, IssuedBatch, reservedUnits } from './batch.state';

export class PriceView implements MoneyJson {
  @ApiProperty({ example: 'USD', description: 'ISO 4217' })
  currency!: string;

  @ApiProperty({ example: 480000, description: 'Integer minor units per tonne (1,000 kg)' })
  value!: number;
}

export class BatchView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  siteId!: string;

  @ApiProperty({ example: 'KAM' })
  siteCode!: string;

  @ApiProperty({ format: 'uuid' })
  milestoneId!: string;

  @ApiProperty({ example: 2023, description: 'Production year' })
  vintage!: number;

  @ApiProperty({ example: 1, description: 'Number of the batch among the site’s batches of this vintage' })
  batchNo!: number;

  @ApiProperty({ example: 'RCC-KAM-2023-0001' })
  serialPrefix!: string;

  @ApiProperty({ example: 'RCC-KAM-2023-0001-000001..002500', description: 'Every unit of the batch' })
  serialBlock!: string;

  @ApiProperty({ type: PriceView, description: 'Price per tonne for new purchases' })
  pricePerTonne!: PriceView;

  @ApiProperty({ example: 2500 })
  issuedKg!: number;

  @ApiProperty({ example: 2000, description: 'Free to reserve' })
  availableKg!: number;

  @ApiProperty({ example: 0, description: 'Set aside for unsettled purchases' })
  reservedKg!: number;

  @ApiProperty({ example: 500, description: 'Delivered to buyers: held + retired' })
  soldKg!: number;

  @ApiProperty({ example: 400, description: 'Held by companies' })
  heldKg!: number;

  @ApiProperty({ example: 100 })
  retiredKg!: number;

  @ApiProperty({ example: 0, description: 'Withdrawn by an operator' })
  cancelledKg!: number;

  @ApiProperty({ format: 'date-time' })
  issuedAt!: string;
}

export interface BatchIdentity {
  id: string;
  siteId: string;
  siteCode: string;
  milestoneId: string;
  vintage: number;
  batchNo: number;
  issuedKg: number;
}

/** Prefix and block of a batch's serial numbers, e.g. `RCC-KAM-2023-0001` and `RCC-KAM-2023-0001-000001..002500`. */
export function serialBlockOf(batch: Pick<BatchIdentity, 'siteCode' | 'vintage' | 'batchNo' | 'issuedKg'>): { serialPrefix: string; serialBlock: string } {
  const serialBlock = formatSerialRange({ siteCode: batch.siteCode, vintage: batch.vintage, batchNo: batch.batchNo, from: 1, to: batch.issuedKg });
  // The unit part never contains '-', so the prefix ends at the last one.
  return { serialPrefix: serialBlock.slice(0, serialBlock.lastIndexOf('-')), serialBlock };
}

export function batchViewOf(state: IssuedBatch): BatchView {
  const heldKg = heldUnits(state);
  const retiredKg = state.retired.size;
  return {
    id: state.batchId,
    siteId: state.siteId,
    siteCode: state.siteCode,
    milestoneId: state.milestoneId,
    vintage: state.vintage,
    batchNo: state.batchNo,
    ...serialBlockOf(state),
    pricePerTonne: state.pricePerTonne.toJSON(),
    issuedKg: state.issuedKg,
    availableKg: state.available.size,
    reservedKg: reservedUnits(state),
    soldKg: heldKg + retiredKg,
    heldKg,
    retiredKg,
    cancelledKg: state.cancelled.size,
    issuedAt: state.issuedAt,
  };
}
