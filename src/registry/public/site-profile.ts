// The public profile of a site, read from the first event of its stream (`SiteRegistered`): the
// authoritative source, readable the moment the site exists, whatever read model lags behind.
import { EventStore, StreamNotFound } from '@lib/event-store';
import { siteStreamId, SiteProfile } from '../sites/site.events';

export type PublicSiteProfile = Pick<SiteProfile, 'code' | 'name' | 'cooperative' | 'province' | 'country'>;

/** Null when the stream is missing or does not start with a registration (never for a real batch). */
export async function readSiteProfile(store: EventStore, siteId: string): Promise<PublicSiteProfile | null> {
  try {
    // A site stream holds its registration and one event per batch number: small and bounded.
    const [first] = await store.readStream(siteStreamId(siteId), 0);
    if (first?.type !== 'SiteRegistered') return null;
    const { code, name, cooperative, province, country } = first.data as SiteProfile;
    return { code, name, cooperative, province, country };
  } catch (error) {
    if (error instanceof StreamNotFound) return null;
    throw error;
  }
}
