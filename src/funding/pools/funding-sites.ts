// What funding needs to know of a registry site (stream `site-{id}`, written by the registry):
// that it is registered, its code for reports, and its fee share of sales. Read from the site's
// own stream, so a site registered a moment ago is already known (no read-model lag).
import { Injectable } from '@nestjs/common';
import { siteDecider } from '../../registry/sites/site.decider';
import { siteStreamId } from '../../registry/sites/site.events';
import { FundingSiteNotFound } from './funding.errors';
import { FundingStreams } from './funding-streams';

export interface FundingSite {
  siteId: string;
  code: string;
  feeBps: number;
}

@Injectable()
export class FundingSites {
  constructor(private readonly streams: FundingStreams) {}

  /** The site, or null when no site with this id is registered. */
  async find(siteId: string): Promise<FundingSite | null> {
    const { state } = await this.streams.load(siteStreamId(siteId), siteDecider);
    if (state.status !== 'registered') return null;
    return { siteId: state.siteId, code: state.code, feeBps: state.feeBps };
  }

  async require(siteId: string): Promise<FundingSite> {
    const site = await this.find(siteId);
    if (site === null) throw new FundingSiteNotFound(siteId);
    return site;
  }
}
