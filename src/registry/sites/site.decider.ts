// Business rules of a site: registration (profile checks) and batch numbering per vintage.
// Pure: no I/O, no clock (time comes in the command).
import type { Decider } from '@lib/kernel';
import { isSiteCode } from '@lib/kernel';
import { isCountryCode } from '../../access/companies/company-identifiers';
import { CommandIdConflict } from '../batches/batch.errors';
import { InvalidVintage } from '../milestones/milestones.errors';
import { normaliseText } from '../shared/registry-text';
import { InvalidFeeBps, InvalidSiteCode, InvalidSiteCountry, SiteCodeTaken, SiteNotFound } from './sites.errors';
import type { SiteEvent, SiteProfile, SiteState } from './site.events';

export interface RegisterSite {
  type: 'RegisterSite';
  profile: SiteProfile;
  now: string;
}

export interface AssignBatchNumber {
  type: 'AssignBatchNumber';
  batchId: string;
  milestoneId: string;
  vintage: number;
}

export type SiteCommand = RegisterSite | AssignBatchNumber;

export const SITE_TEXT_MAX_LENGTH = 200;
export const MAX_FEE_BPS = 10_000;

/** The profile as it will be recorded (texts trimmed), or the first refusal. Also run before the code is claimed. */
export function validSiteProfile(profile: SiteProfile): SiteProfile {
  if (!isSiteCode(profile.code)) throw new InvalidSiteCode();
  const name = normaliseText('name', profile.name, SITE_TEXT_MAX_LENGTH);
  const cooperative = normaliseText('cooperative', profile.cooperative, SITE_TEXT_MAX_LENGTH);
  const province = normaliseText('province', profile.province, SITE_TEXT_MAX_LENGTH);
  if (!isCountryCode(profile.country)) throw new InvalidSiteCountry(profile.country);
  if (!Number.isInteger(profile.feeBps) || profile.feeBps < 0 || profile.feeBps > MAX_FEE_BPS) throw new InvalidFeeBps();
  return { siteId: profile.siteId, code: profile.code, name, cooperative, province, country: profile.country, feeBps: profile.feeBps };
}

function register(command: RegisterSite, state: SiteState): SiteEvent[] {
  // Site ids are minted per request; a registered one means a rival registration of the same
  // (orphaned) code claim won the race, so the code is taken.
  if (state.status === 'registered') throw new SiteCodeTaken(state.code);
  const profile = validSiteProfile(command.profile);
  return [{ type: 'SiteRegistered', data: { ...profile, registeredAt: command.now } }];
}

function assignBatchNumber(command: AssignBatchNumber, state: SiteState): SiteEvent[] {
  if (state.status !== 'registered') throw new SiteNotFound();
  const existing = state.batchNumbers.get(command.batchId);
  if (existing !== undefined) {
    // The issuance chain re-runs this step after a crash: the same batch keeps its number.
    if (existing.vintage === command.vintage && existing.milestoneId === command.milestoneId) return [];
    throw new CommandIdConflict(command.batchId);
  }
  if (!Number.isInteger(command.vintage) || command.vintage < 1000 || command.vintage > 9999) {
    throw new InvalidVintage(command.vintage, 'a four-digit year');
  }
  const batchNo = (state.lastBatchNo.get(command.vintage) ?? 0) + 1;
  return [{ type: 'BatchNumberAssigned', data: { batchId: command.batchId, milestoneId: command.milestoneId, vintage: command.vintage, batchNo } }];
}

function evolve(state: SiteState, event: SiteEvent): SiteState {
  switch (event.type) {
    case 'SiteRegistered': {
      const { registeredAt, ...profile } = event.data;
      return { status: 'registered', ...profile, registeredAt, lastBatchNo: new Map(), batchNumbers: new Map() };
    }
    case 'BatchNumberAssigned': {
      // A recorded fact on a site that never registered cannot come from `decide`; ignore it.
      if (state.status !== 'registered') return state;
      const { batchId, milestoneId, vintage, batchNo } = event.data;
      const last = state.lastBatchNo.get(vintage) ?? 0;
      return {
        ...state,
        lastBatchNo: new Map(state.lastBatchNo).set(vintage, Math.max(last, batchNo)),
        batchNumbers: new Map(state.batchNumbers).set(batchId, { milestoneId, vintage, batchNo }),
      };
    }
    default: {
      // Never throw on a recorded fact: an event type this code does not know leaves the state as is.
      const unknown: never = event;
      void unknown;
      return state;
    }
  }
}

export const siteDecider: Decider<SiteCommand, SiteState, SiteEvent> = {
  initialState: () => ({ status: 'unregistered' }),
  evolve,
  decide: (command, state) => {
    switch (command.type) {
      case 'RegisterSite':
        return register(command, state);
      case 'AssignBatchNumber':
        return assignBatchNumber(command, state);
      default: {
        const unreachable: never = command;
        throw new Error(`Unknown site command ${JSON.stringify(unreachable)}`);
      }
    }
  },
};
