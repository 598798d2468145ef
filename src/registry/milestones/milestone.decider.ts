// Decisions on a milestone: propose, verify by another key (R4), reject, and issue credits against
// it up to its verified quantity (R4, step 1 of the issuance chain). Pure: no I/O, no clock.
// Repeating a command that already took effect returns no events, so retries are harmless.
import { assertQuantityKg, Decider, Money } from '@lib/kernel';
import { CommandIdConflict, InvalidPrice } from '../batches/batch.errors';
import { normaliseText } from '../shared/registry-text';
import {
  IssuanceExceedsVerified,
  InvalidVintage,
  MilestoneAlreadyProposed,
  MilestoneAlreadyVerified,
  MilestoneNotFound,
  MilestoneNotVerified,
  MilestoneRejected,
  SelfVerification,
} from './milestones.errors';
import type { Evidence, MilestoneEvent } from './milestone.events';
import { assertPeriod, normaliseEvidence } from './milestone-rules';
import { evolveMilestone, initialMilestoneState, MilestoneState, remainingKg, VerifiedMilestone } from './milestone.state';

export interface ProposeMilestone {
  type: 'ProposeMilestone';
  data: {
    milestoneId: string;
    siteId: string;
    title: string;
    periodStart: string;
    periodEnd: string;
    quantityKg: number;
    evidence: Evidence[];
    proposedByKeyId: string;
    now: string;
  };
}

export interface VerifyMilestone {
  type: 'VerifyMilestone';
  data: { verifiedByKeyId: string; now: string };
}

export interface RejectMilestone {
  type: 'RejectMilestone';
  data: { reason: string; rejectedByKeyId: string; now: string };
}

export interface IssueCredits {
  type: 'IssueCredits';
  data: { batchId: string; quantityKg: number; vintage: number; pricePerTonne: Money; now: string };
}

export type MilestoneCommand = ProposeMilestone | VerifyMilestone | RejectMilestone | IssueCredits;

export const MILESTONE_TITLE_MAX_LENGTH = 200;
export const REJECTION_REASON_MAX_LENGTH = 1000;

function propose({ data }: ProposeMilestone, state: MilestoneState): MilestoneEvent[] {
  if (state.status !== 'none') throw new MilestoneAlreadyProposed(data.milestoneId);
  const title = normaliseText('title', data.title, MILESTONE_TITLE_MAX_LENGTH);
  assertPeriod(data.periodStart, data.periodEnd, data.now);
  assertQuantityKg(data.quantityKg);
  const evidence = normaliseEvidence(data.evidence);
  const { milestoneId, siteId, periodStart, periodEnd, quantityKg, proposedByKeyId, now } = data;
  return [
    {
      type: 'MilestoneProposed',
      data: { milestoneId, siteId, title, periodStart, periodEnd, quantityKg, evidence, proposedByKeyId, proposedAt: now },
    },
  ];
}

function verify({ data }: VerifyMilestone, state: MilestoneState): MilestoneEvent[] {
  switch (state.status) {
    case 'none':
      throw new MilestoneNotFound();
    case 'rejected':
      throw new MilestoneRejected(state.milestoneId);
    case 'verified':
      if (state.verifiedByKeyId === data.verifiedByKeyId) return [];
      throw new MilestoneAlreadyVerified(state.milestoneId);
    case 'proposed':
      if (state.proposedByKeyId === data.verifiedByKeyId) throw new SelfVerification();
      return [{ type: 'MilestoneVerified', data: { milestoneId: state.milestoneId, verifiedByKeyId: data.verifiedByKeyId, verifiedAt: data.now } }];
    default: {
      const unreachable: never = state;
      throw new Error(`Unknown milestone state ${JSON.stringify(unreachable)}`);
    }
  }
}

function reject({ data }: RejectMilestone, state: MilestoneState): MilestoneEvent[] {
  const reason = normaliseText('reason', data.reason, REJECTION_REASON_MAX_LENGTH);
  switch (state.status) {
    case 'none':
      throw new MilestoneNotFound();
    case 'verified':
      throw new MilestoneAlreadyVerified(state.milestoneId);
    case 'rejected':
      if (state.reason === reason && state.rejectedByKeyId === data.rejectedByKeyId) return [];
      throw new MilestoneRejected(state.milestoneId);
    case 'proposed':
      return [{ type: 'MilestoneRejected', data: { milestoneId: state.milestoneId, reason, rejectedByKeyId: data.rejectedByKeyId, rejectedAt: data.now } }];
    default: {
      const unreachable: never = state;
      throw new Error(`Unknown milestone state ${JSON.stringify(unreachable)}`);
    }
  }
}

function issue({ data }: IssueCredits, state: MilestoneState): MilestoneEvent[] {
  if (state.status === 'none') throw new MilestoneNotFound();
  if (state.status !== 'verified') throw new MilestoneNotVerified(state.milestoneId, state.status);
  const existing = state.issuances.get(data.batchId);
  if (existing !== undefined) {
    const same = existing.quantityKg === data.quantityKg && existing.vintage === data.vintage && Money.fromJSON(existing.pricePerTonne).equals(data.pricePerTonne);
    if (same) return [];
    throw new CommandIdConflict(data.batchId);
  }
  assertQuantityKg(data.quantityKg);
  // Checked here, not only by the batch: once this step is recorded the rest of the chain must succeed.
  if (!data.pricePerTonne.isPositive()) throw new InvalidPrice('the price per tonne must be positive');
  assertVintageInPeriod(data.vintage, state);
  const remaining = remainingKg(state);
  if (data.quantityKg > remaining) throw new IssuanceExceedsVerified(data.quantityKg, remaining);
  return [
    {
      type: 'MilestoneCreditsIssued',
      data: {
        milestoneId: state.milestoneId,
        batchId: data.batchId,
        quantityKg: data.quantityKg,
        vintage: data.vintage,
        pricePerTonne: data.pricePerTonne.toJSON(),
        issuedAt: data.now,
      },
    },
  ];
}

/** The vintage is a production year: one of the years the milestone's period touches. */
function assertVintageInPeriod(vintage: number, state: VerifiedMilestone): void {
  const first = Number(state.periodStart.slice(0, 4));
  const last = Number(state.periodEnd.slice(0, 4));
  if (!Number.isInteger(vintage) || vintage < first || vintage > last) {
    throw new InvalidVintage(vintage, first === last ? `${first}, the year of the milestone period` : `between ${first} and ${last}, the years of the milestone period`);
  }
}

export function decideMilestone(command: MilestoneCommand, state: MilestoneState): MilestoneEvent[] {
  switch (command.type) {
    case 'ProposeMilestone':
      return propose(command, state);
    case 'VerifyMilestone':
      return verify(command, state);
    case 'RejectMilestone':
      return reject(command, state);
    case 'IssueCredits':
      return issue(command, state);
    default: {
      const unreachable: never = command;
      throw new Error(`Unknown milestone command ${JSON.stringify(unreachable)}`);
    }
  }
}

export const milestoneDecider: Decider<MilestoneCommand, MilestoneState, MilestoneEvent> = {
  decide: decideMilestone,
  evolve: evolveMilestone,
  initialState: initialMilestoneState,
};
