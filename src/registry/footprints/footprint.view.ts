// What the footprint routes show: the declaration and its coverage by retirements (DESIGN §1).
import { ApiProperty } from '@nestjs/swagger';

export class FootprintView {
  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiProperty({ example: 2023 })
  year!: number;

  @ApiProperty({ example: 2500, description: 'Declared cobalt footprint, kg' })
  cobaltKg!: number;

  @ApiProperty({ example: 1250, description: 'Kilograms retired with this claim year' })
  retiredKg!: number;

  @ApiProperty({ example: 5000, description: 'retiredKg / cobaltKg in basis points, rounded down (10000 = fully covered; may exceed it)' })
  coverageBps!: number;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  declaredAt!: string | null;
}

/** Integer basis points, floor: never claims more coverage than retired (no floats, R5's spirit). */
export function coverageBps(retiredKg: number, cobaltKg: number): number {
  if (cobaltKg <= 0) return 0;
  return Number((BigInt(retiredKg) * 10_000n) / BigInt(cobaltKg));
}

export interface FootprintRow {
  company_id: string;
  year: number;
  /** bigint columns arrive as text. */
  cobalt_kg: string | null;
  declared_at: Date | null;
  retired_kg: string;
}

/** Null for a row with retirements but no declaration (there is no footprint to cover). */
export function footprintViewOfRow(row: FootprintRow): FootprintView | null {
  if (row.cobalt_kg === null) return null;
  const cobaltKg = Number(row.cobalt_kg);
  const retiredKg = Number(row.retired_kg);
  return { companyId: row.company_id, year: row.year, cobaltKg, retiredKg, coverageBps: coverageBps(retiredKg, cobaltKg), declaredAt: row.declared_at?.toISOString() ?? null };
}
