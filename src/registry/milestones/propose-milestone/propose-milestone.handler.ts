// milestone-{new id}: the site must exist (it never unregisters, so checking first is race-free);
// the proposing API key is recorded so verification can require another one (R4).
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore, loadStream } from '@lib/event-store';
import { newId } from '@lib/kernel';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { siteDecider } from '../../sites/site.decider';
import { siteStreamId } from '../../sites/site.events';
import { SiteNotFound } from '../../sites/sites.errors';
import { actingKeyId, decideOnMilestone, MilestoneOutcome } from '../milestone-outcome';
import { ProposeMilestoneCommand } from './propose-milestone.command';

@CommandHandler(ProposeMilestoneCommand)
export class ProposeMilestoneHandler implements ICommandHandler<ProposeMilestoneCommand, MilestoneOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ input, metadata }: ProposeMilestoneCommand): Promise<MilestoneOutcome> {
    const site = await loadStream(this.eventStore, siteStreamId(input.siteId), siteDecider);
    if (site.state.status !== 'registered') throw new SiteNotFound(input.siteId);
    const milestoneId = newId();
    const { outcome } = await decideOnMilestone(
      this.eventStore,
      milestoneId,
      { type: 'ProposeMilestone', data: { milestoneId, ...input, proposedByKeyId: actingKeyId(metadata), now: metadata.occurredAt } },
      metadata,
    );
    return outcome;
  }
}
