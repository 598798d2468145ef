// Rejects a proposed milestone with a reason (the proposer may withdraw their own this way).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata } from '@lib/event-store';
import type { MilestoneOutcome } from '../milestone-outcome';

export class RejectMilestoneCommand extends Command<MilestoneOutcome> {
  constructor(
    readonly milestoneId: string,
    readonly reason: string,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
