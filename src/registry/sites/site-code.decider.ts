// Reservation of a site code (stream `site-code-{CODE}`): the first claim wins. The stream is
// written with `no_stream` on first claim, so two registrations racing for one code cannot both
// succeed. A repeated claim changes nothing; the handler reads who holds the code from the state.
import type { Decider } from '@lib/kernel';
import type { SiteCodeEvent, SiteCodeState } from './site.events';

export interface ClaimSiteCode {
  type: 'ClaimSiteCode';
  siteId: string;
}

export const siteCodeDecider: Decider<ClaimSiteCode, SiteCodeState, SiteCodeEvent> = {
  initialState: () => ({ status: 'free' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'SiteCodeClaimed':
        // Only the first claim counts; later ones cannot be written by `decide`.
        return state.status === 'claimed' ? state : { status: 'claimed', siteId: event.data.siteId };
      default: {
        const unknown: never = event.type;
        void unknown;
        return state;
      }
    }
  },
  decide: (command, state) => (state.status === 'claimed' ? [] : [{ type: 'SiteCodeClaimed', data: { siteId: command.siteId } }]),
};
