// What the API shows of a retirement (POST /v1/retirements, GET /v1/retirements/:id).
import { ApiProperty } from '@nestjs/swagger';
import type { CreditsRetired } from '../batches/batch.events';
import type { IssuedBatch } from '../batches/batch.state';
import { formatSerials } from '../purchases/batch-read-model';
import { SerialRangeView } from '../purchases/purchase.view';

export class BeneficiaryView {
  @ApiProperty({ example: 'Volta Cells GmbH' })
  name!: string;

  @ApiProperty({ example: '7LTWFZYICNSX8D621K86', nullable: true, type: String, description: 'ISO 17442 LEI' })
  lei!: string | null;
}

export class RetirementView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'RCC-RET-KAM-2023-0001-00001' })
  certificateNo!: string;

  @ApiProperty({ format: 'uuid' })
  batchId!: string;

  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiProperty({ example: 2500 })
  quantityKg!: number;

  @ApiProperty({ type: [SerialRangeView] })
  serials!: SerialRangeView[];

  @ApiProperty({ type: [String], example: ['RCC-KAM-2023-0001-000001..002500'] })
  serialRanges!: string[];

  @ApiProperty({ example: 2023 })
  claimYear!: number;

  @ApiProperty({ type: BeneficiaryView })
  beneficiary!: BeneficiaryView;

  @ApiProperty({ example: 'FY2023 cobalt footprint of the Volta Cells product line' })
  purpose!: string;

  @ApiProperty({ format: 'date-time' })
  retiredAt!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  siteId!: string | null;

  @ApiProperty({ example: 'KAM', nullable: true, type: String })
  siteCode!: string | null;

  @ApiProperty({ example: 2023, nullable: true, type: Number })
  vintage!: number | null;

  @ApiProperty({ example: 1, nullable: true, type: Number })
  batchNo!: number | null;
}

export function retirementView(retired: CreditsRetired['data'], batch: Pick<IssuedBatch, 'siteId' | 'siteCode' | 'vintage' | 'batchNo'>): RetirementView {
  return {
    id: retired.retirementId,
    certificateNo: retired.certificateNo,
    batchId: retired.batchId,
    companyId: retired.companyId,
    quantityKg: retired.quantityKg,
    serials: retired.serials.map(({ from, to }) => ({ from, to })),
    serialRanges: formatSerials(batch, retired.serials),
    claimYear: retired.claimYear,
    beneficiary: { name: retired.beneficiary.name, lei: retired.beneficiary.lei ?? null },
    purpose: retired.purpose,
    retiredAt: retired.retiredAt,
    siteId: batch.siteId,
    siteCode: batch.siteCode,
    vintage: batch.vintage,
    batchNo: batch.batchNo,
  };
}
