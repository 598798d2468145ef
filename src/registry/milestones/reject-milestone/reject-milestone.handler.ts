// milestone-{id}: decide RejectMilestone; answer from the new state.
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@lib/event-store';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { actingKeyId, decideOnMilestone, MilestoneOutcome } from '../milestone-outcome';
import { RejectMilestoneCommand } from './reject-milestone.command';

@CommandHandler(RejectMilestoneCommand)
export class RejectMilestoneHandler implements ICommandHandler<RejectMilestoneCommand, MilestoneOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ milestoneId, reason, metadata }: RejectMilestoneCommand): Promise<MilestoneOutcome> {
    const command = { type: 'RejectMilestone' as const, data: { reason, rejectedByKeyId: actingKeyId(metadata), now: metadata.occurredAt } };
    const { outcome } = await decideOnMilestone(this.eventStore, milestoneId, command, metadata);
    return outcome;
  }
}
