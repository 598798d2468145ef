// What the public sees of a retirement: the claim it backs, never the company account behind it
// (R11: only the beneficiary named on the certificate is public).
import { ApiProperty } from '@nestjs/swagger';
import type { RetirementRow } from '../../retirements/get-retirement/get-retirement.query';
import { retirementViewOfRow } from '../../retirements/get-retirement/get-retirement.query';

export class PublicBeneficiaryView {
  @ApiProperty({ example: 'Volta Cells GmbH' })
  name!: string;

  @ApiProperty({ example: '7LTWFZYICNSX8D621K86', nullable: true, type: String })
  lei!: string | null;
}

export class PublicRetirementView {
  @ApiProperty({ example: 'RCC-RET-KAM-2023-0001-00001' })
  certificateNo!: string;

  @ApiProperty({ example: 2500 })
  quantityKg!: number;

  @ApiProperty({ example: 2023 })
  claimYear!: number;

  @ApiProperty({ type: PublicBeneficiaryView })
  beneficiary!: PublicBeneficiaryView;

  @ApiProperty({ example: 'Cobalt footprint 2023 of the EV battery line' })
  purpose!: string;

  @ApiProperty({ format: 'date-time' })
  retiredAt!: string;

  @ApiProperty({ example: 'KAM', nullable: true, type: String })
  siteCode!: string | null;

  @ApiProperty({ example: 2023, nullable: true, type: Number })
  vintage!: number | null;

  @ApiProperty({ example: 1, nullable: true, type: Number })
  batchNo!: number | null;

  @ApiProperty({ type: [String], example: ['RCC-KAM-2023-0001-000001..002500'] })
  serialRanges!: string[];
}

export function publicRetirementOf(row: RetirementRow): PublicRetirementView {
  const view = retirementViewOfRow(row);
  return {
    certificateNo: view.certificateNo,
    quantityKg: view.quantityKg,
    claimYear: view.claimYear,
    beneficiary: view.beneficiary,
    purpose: view.purpose,
    retiredAt: view.retiredAt,
    siteCode: view.siteCode,
    vintage: view.vintage,
    batchNo: view.batchNo,
    serialRanges: view.serialRanges,
  };
}
