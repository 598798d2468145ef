// What GET /v1/companies/:id/holdings shows: totals, and per batch the serial ranges held.
import { ApiProperty } from '@nestjs/swagger';
import { SerialRangeView } from '../purchases/purchase.view';

export class HoldingBatchView {
  @ApiProperty({ format: 'uuid' })
  batchId!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  siteId!: string | null;

  @ApiProperty({ example: 'KAM', nullable: true, type: String })
  siteCode!: string | null;

  @ApiProperty({ example: 2023, nullable: true, type: Number })
  vintage!: number | null;

  @ApiProperty({ example: 1, nullable: true, type: Number })
  batchNo!: number | null;

  @ApiProperty({ example: 2500, description: 'Units of this batch the company holds now' })
  heldKg!: number;

  @ApiProperty({ example: 0, description: 'Units of this batch the company has retired' })
  retiredKg!: number;

  @ApiProperty({ type: [SerialRangeView] })
  serials!: SerialRangeView[];

  @ApiProperty({ type: [String], example: ['RCC-KAM-2023-0001-000001..002500'] })
  serialRanges!: string[];
}

export class HoldingsView {
  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiProperty({ example: 2500 })
  totalHeldKg!: number;

  @ApiProperty({ example: 0 })
  totalRetiredKg!: number;

  @ApiProperty({ type: [HoldingBatchView], description: 'Ordered by site code, vintage and batch number' })
  batches!: HoldingBatchView[];
}
