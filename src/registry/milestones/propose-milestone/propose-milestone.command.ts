// Proposes a milestone at a site (DESIGN §4, POST /v1/sites/:id/milestones).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata } from '@lib/event-store';
import type { Evidence } from '../milestone.events';
import type { MilestoneOutcome } from '../milestone-outcome';

export interface ProposeMilestoneInput {
  siteId: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  quantityKg: number;
  evidence: Evidence[];
}

export class ProposeMilestoneCommand extends Command<MilestoneOutcome> {
  constructor(
    readonly input: ProposeMilestoneInput,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
