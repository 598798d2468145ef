// Verifies a proposed milestone with another API key than the proposer's (R4).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata } from '@lib/event-store';
import type { MilestoneOutcome } from '../milestone-outcome';

export class VerifyMilestoneCommand extends Command<MilestoneOutcome> {
  constructor(
    readonly milestoneId: string,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
