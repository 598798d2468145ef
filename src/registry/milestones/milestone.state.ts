// The state of one milestone, folded from its events. Glossary: `quantityKg` is the quantity
// proposed and, once verified, the verified quantity; `issuedKg` the credits already issued
// against it (never more than `quantityKg`, R4); `issuances` remembers each batch it backs.
import type { MoneyJson } from '@lib/kernel';
import type { Evidence, MilestoneEvent, MilestoneProposed } from './milestone.events';

export interface Issuance {
  batchId: string;
  quantityKg: number;
  vintage: number;
  pricePerTonne: MoneyJson;
  issuedAt: string;
}

interface MilestoneRecord {
  milestoneId: string;
  siteId: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  quantityKg: number;
  evidence: readonly Evidence[];
  proposedByKeyId: string;
  proposedAt: string;
}

export interface ProposedMilestone extends MilestoneRecord {
  status: 'proposed';
}

export interface VerifiedMilestone extends MilestoneRecord {
  status: 'verified';
  verifiedByKeyId: string;
  verifiedAt: string;
  issuedKg: number;
  issuances: ReadonlyMap<string, Issuance>;
}

export interface RejectedMilestone extends MilestoneRecord {
  status: 'rejected';
  reason: string;
  rejectedByKeyId: string;
  rejectedAt: string;
}

export type Milestone = ProposedMilestone | VerifiedMilestone | RejectedMilestone;
export type MilestoneState = { status: 'none' } | Milestone;

export const initialMilestoneState = (): MilestoneState => ({ status: 'none' });

function proposed(data: MilestoneProposed['data']): ProposedMilestone {
  return { status: 'proposed', ...data, evidence: data.evidence.map((e) => ({ ...e })) };
}

export function evolveMilestone(state: MilestoneState, event: MilestoneEvent): MilestoneState {
  if (event.type === 'MilestoneProposed') return state.status === 'none' ? proposed(event.data) : state;
  // Facts that `decide` only writes in a given status; anything else leaves the state as is.
  switch (event.type) {
    case 'MilestoneVerified':
      if (state.status !== 'proposed') return state;
      return { ...state, status: 'verified', verifiedByKeyId: event.data.verifiedByKeyId, verifiedAt: event.data.verifiedAt, issuedKg: 0, issuances: new Map() };
    case 'MilestoneRejected':
      if (state.status !== 'proposed') return state;
      return { ...state, status: 'rejected', reason: event.data.reason, rejectedByKeyId: event.data.rejectedByKeyId, rejectedAt: event.data.rejectedAt };
    case 'MilestoneCreditsIssued': {
      if (state.status !== 'verified') return state;
      const { batchId, quantityKg, vintage, pricePerTonne, issuedAt } = event.data;
      return {
        ...state,
        issuedKg: state.issuedKg + quantityKg,
        issuances: new Map(state.issuances).set(batchId, { batchId, quantityKg, vintage, pricePerTonne, issuedAt }),
      };
    }
    default: {
      const unknown: never = event;
      void unknown;
      return state;
    }
  }
}

/** Kilograms still available for issuance (0 unless verified). */
export function remainingKg(state: MilestoneState): number {
  return state.status === 'verified' ? state.quantityKg - state.issuedKg : 0;
}
