// What the public sees of one unit: its status, its batch and site, and for a retired unit the
// retirement it was part of. Never the company that holds or reserved it (R11).
import { ApiProperty } from '@nestjs/swagger';
import { UNIT_STATUSES, UnitStatus } from './unit-status';

export class PublicBatchView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'KAM' })
  siteCode!: string;

  @ApiProperty({ example: 2023 })
  vintage!: number;

  @ApiProperty({ example: 1 })
  batchNo!: number;

  @ApiProperty({ example: 2500 })
  issuedKg!: number;

  @ApiProperty({ example: 'RCC-KAM-2023-0001-000001..002500', description: 'The serial block issued' })
  serialRange!: string;

  @ApiProperty({ format: 'date-time' })
  issuedAt!: string;
}

export class PublicSiteView {
  @ApiProperty({ example: 'KAM' })
  code!: string;

  @ApiProperty({ example: 'Kamilombe' })
  name!: string;

  @ApiProperty({ example: 'CMDS' })
  cooperative!: string;

  @ApiProperty({ example: 'Lualaba' })
  province!: string;

  @ApiProperty({ example: 'CD' })
  country!: string;
}

export class PublicUnitRetirementView {
  @ApiProperty({ example: 'RCC-RET-KAM-2023-0001-00001' })
  certificateNo!: string;

  @ApiProperty({ example: 2023 })
  claimYear!: number;

  @ApiProperty({ example: 'Volta Cells GmbH' })
  beneficiaryName!: string;

  @ApiProperty({ format: 'date-time' })
  retiredAt!: string;

  @ApiProperty({ example: '/v1/public/retirements/RCC-RET-KAM-2023-0001-00001' })
  retirementPath!: string;
}

export class PublicSerialView {
  @ApiProperty({ example: 'RCC-KAM-2023-0001-000417' })
  serial!: string;

  @ApiProperty({ enum: UNIT_STATUSES })
  status!: UnitStatus;

  @ApiProperty({ type: PublicBatchView })
  batch!: PublicBatchView;

  @ApiProperty({ type: PublicSiteView, nullable: true })
  site!: PublicSiteView | null;

  @ApiProperty({
    type: PublicUnitRetirementView,
    nullable: true,
    description: 'For a retired unit; null otherwise (and, for a moment after the retirement, while the read model catches up)',
  })
  retirement!: PublicUnitRetirementView | null;
}
