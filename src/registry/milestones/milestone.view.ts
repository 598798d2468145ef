// What the API shows of a milestone, built from the state (command answers) or the `milestones`
// read model (GETs). Key ids, not people: the registry knows who acted by API key only.
import { ApiProperty } from '@nestjs/swagger';
import type { Milestone } from './milestone.state';

export class EvidenceView {
  @ApiProperty({ example: 'https://evidence.example.org/kam-2023.pdf' })
  uri!: string;

  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', description: 'SHA-256 of the document, lower-case hex' })
  sha256!: string;
}

export class RejectionView {
  @ApiProperty()
  reason!: string;

  @ApiProperty({ format: 'uuid' })
  rejectedByKeyId!: string;

  @ApiProperty({ format: 'date-time' })
  rejectedAt!: string;
}

export const MILESTONE_STATUSES = ['proposed', 'verified', 'rejected'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export class MilestoneView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  siteId!: string;

  @ApiProperty({ example: 'Responsible production 2023' })
  title!: string;

  @ApiProperty({ format: 'date', example: '2023-01-01' })
  periodStart!: string;

  @ApiProperty({ format: 'date', example: '2023-12-31' })
  periodEnd!: string;

  @ApiProperty({ example: 2500, description: 'Proposed (once verified: verified) quantity, kg' })
  quantityKg!: number;

  @ApiProperty({ type: [EvidenceView] })
  evidence!: EvidenceView[];

  @ApiProperty({ enum: MILESTONE_STATUSES })
  status!: MilestoneStatus;

  @ApiProperty({ format: 'uuid', description: 'API key that proposed it' })
  proposedByKeyId!: string;

  @ApiProperty({ format: 'date-time' })
  proposedAt!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'API key that verified it (never the proposing key, R4)' })
  verifiedByKeyId!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  verifiedAt!: string | null;

  @ApiProperty({ type: RejectionView, nullable: true })
  rejection!: RejectionView | null;

  @ApiProperty({ example: 0, description: 'Credits issued against it so far, kg' })
  issuedKg!: number;

  @ApiProperty({ example: 2500, description: 'Still issuable, kg (0 unless verified)' })
  remainingKg!: number;
}

export function milestoneViewOf(state: Milestone): MilestoneView {
  const verified = state.status === 'verified' ? state : null;
  const issuedKg = verified?.issuedKg ?? 0;
  return {
    id: state.milestoneId,
    siteId: state.siteId,
    title: state.title,
    periodStart: state.periodStart,
    periodEnd: state.periodEnd,
    quantityKg: state.quantityKg,
    evidence: state.evidence.map(({ uri, sha256 }) => ({ uri, sha256 })),
    status: state.status,
    proposedByKeyId: state.proposedByKeyId,
    proposedAt: state.proposedAt,
    verifiedByKeyId: verified?.verifiedByKeyId ?? null,
    verifiedAt: verified?.verifiedAt ?? null,
    rejection: state.status === 'rejected' ? { reason: state.reason, rejectedByKeyId: state.rejectedByKeyId, rejectedAt: state.rejectedAt } : null,
    issuedKg,
    remainingKg: verified === null ? 0 : state.quantityKg - issuedKg,
  };
}
