// Registers a site in two streams: first reserve the code (`site-code-{CODE}`, first claim wins),
// then write `site-{id}`. The profile is checked before the claim, so bad input leaves no event.
// A claim whose site never got registered (the process died between the two appends) is adopted
// by the next registration of that code instead of blocking the code forever.
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideOnStream, EventStore, loadStream } from '@lib/event-store';
import { newId } from '@lib/kernel';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { siteCodeDecider } from '../site-code.decider';
import { siteDecider, validSiteProfile } from '../site.decider';
import { siteCodeStreamId, siteStreamId } from '../site.events';
import { SiteCodeTaken } from '../sites.errors';
import { siteViewOf } from '../site.view';
import { RegisteredSite, RegisterSiteCommand } from './register-site.command';

@CommandHandler(RegisterSiteCommand)
export class RegisterSiteHandler implements ICommandHandler<RegisterSiteCommand, RegisteredSite> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ input, metadata }: RegisterSiteCommand): Promise<RegisteredSite> {
    const profile = validSiteProfile({ siteId: newId(), ...input });
    const siteId = await this.claimCode(profile.code, profile.siteId, metadata);
    const { state, position } = await decideOnStream(
      this.eventStore,
      siteStreamId(siteId),
      siteDecider,
      { type: 'RegisterSite', profile: { ...profile, siteId }, now: metadata.occurredAt },
      metadata,
    );
    if (state.status !== 'registered' || position === null) throw new Error('RegisterSite appended nothing');
    return { site: siteViewOf(state), position };
  }

  /** The site id to register under: ours, or that of an orphaned claim; SiteCodeTaken when the holder is registered. */
  private async claimCode(code: string, siteId: string, metadata: RegisterSiteCommand['metadata']): Promise<string> {
    const { state } = await decideOnStream(this.eventStore, siteCodeStreamId(code), siteCodeDecider, { type: 'ClaimSiteCode', siteId }, metadata);
    if (state.status !== 'claimed') throw new Error('ClaimSiteCode left the code free');
    if (state.siteId === siteId) return siteId;
    const holder = await loadStream(this.eventStore, siteStreamId(state.siteId), siteDecider);
    if (holder.state.status === 'registered') throw new SiteCodeTaken(code);
    // Racing the claimant itself is safe: both append to the same site stream, one wins, the other gets SITE_CODE_TAKEN.
    return state.siteId;
  }
}
