// milestone-{id}: decide VerifyMilestone with the acting key as verifier; answer from the new state.
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@lib/event-store';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { actingKeyId, decideOnMilestone, MilestoneOutcome } from '../milestone-outcome';
import { VerifyMilestoneCommand } from './verify-milestone.command';

@CommandHandler(VerifyMilestoneCommand)
export class VerifyMilestoneHandler implements ICommandHandler<VerifyMilestoneCommand, MilestoneOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ milestoneId, metadata }: VerifyMilestoneCommand): Promise<MilestoneOutcome> {
    const command = { type: 'VerifyMilestone' as const, data: { verifiedByKeyId: actingKeyId(metadata), now: metadata.occurredAt } };
    const { outcome } = await decideOnMilestone(this.eventStore, milestoneId, command, metadata);
    return outcome;
  }
}
