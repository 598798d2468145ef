// grant-{id}: the id derives from the funder's reference (UUID v5), so one award can be
// registered once: the same registration again answers the existing grant, another award under
// the same reference is refused (409). Earmarked sites must be registered.
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@lib/event-store';
import { deterministicId } from '@lib/kernel';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { positionAfter } from '../../../registry/shared/command-position';
import { FundingSites } from '../../pools/funding-sites';
import { FundingStreams } from '../../pools/funding-streams';
import { grantStreamId } from '../../pools/funding-source';
import { fundingText } from '../../pools/funding-text';
import { grantDecider } from '../grant.decider';
import { grantViewOf } from '../grant.view';
import { RegisteredGrant, RegisterGrantCommand } from './register-grant.command';

/** Namespace of grant ids: never change it, stored ids depend on it. */
const GRANT_ID_NAMESPACE = 'funding-grant';

export function grantIdOf(reference: string): string {
  return deterministicId(GRANT_ID_NAMESPACE, fundingText('reference', reference));
}

@CommandHandler(RegisterGrantCommand)
export class RegisterGrantHandler implements ICommandHandler<RegisterGrantCommand, RegisteredGrant> {
  constructor(
    private readonly streams: FundingStreams,
    private readonly sites: FundingSites,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  async execute({ input, metadata }: RegisterGrantCommand): Promise<RegisteredGrant> {
    const grantId = grantIdOf(input.reference);
    for (const siteId of new Set(input.siteIds ?? [])) await this.sites.require(siteId);
    const streamId = grantStreamId(grantId);
    const result = await this.streams.decide(streamId, grantDecider, { type: 'RegisterGrant', grantId, ...input, now: metadata.occurredAt }, metadata);
    if (result.state.status !== 'registered') throw new Error('RegisterGrant left the grant unregistered');
    return { grant: grantViewOf(result.state), position: await positionAfter(this.eventStore, streamId, result) };
  }
}
