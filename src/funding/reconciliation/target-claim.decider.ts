// "Each target is matched once" across all statements: a stream per matched record,
// `reconciliation-target-{kind}-{id}`, where a statement line claims the purchase payment,
// disbursement or tranche before its LineMatched is appended. Two lines (of the same or of
// different statements) racing for one target: the stream's optimistic concurrency lets one win.
// A claim whose line was never matched (the process stopped in between) can be taken over.
import type { Decider } from '@lib/kernel';
import { TargetAlreadyMatched } from './reconciliation.errors';
import type { MatchTarget } from './statement.events';

export const targetClaimStreamId = (target: MatchTarget): string => `reconciliation-target-${target.kind}-${target.id}`;

export interface Claimant {
  lineId: string;
  statementId: string;
}

export type TargetClaimEvent =
  | { type: 'TargetClaimed'; data: { target: MatchTarget } & Claimant & { replacedLineId: string | null } }
  | { type: 'TargetReleased'; data: { target: MatchTarget; lineId: string } };

export type TargetClaimState = { claimant: Claimant | null };

export type TargetClaimCommand =
  | { type: 'ClaimTarget'; data: { target: MatchTarget; claimant: Claimant; takeOverFrom: string | null } }
  | { type: 'ReleaseTarget'; data: { target: MatchTarget; lineId: string } };

export const targetClaimDecider: Decider<TargetClaimCommand, TargetClaimState, TargetClaimEvent> = {
  initialState: () => ({ claimant: null }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'TargetClaimed':
        return { claimant: { lineId: event.data.lineId, statementId: event.data.statementId } };
      case 'TargetReleased':
        return state.claimant?.lineId === event.data.lineId ? { claimant: null } : state;
      default: {
        const unknown: never = event;
        void unknown;
        return state;
      }
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'ClaimTarget': {
        const { target, claimant, takeOverFrom } = command.data;
        const holder = state.claimant;
        if (holder?.lineId === claimant.lineId) return [];
        // Taking over is only allowed from the very claimant the caller found unmatched.
        if (holder !== null && holder.lineId !== takeOverFrom) throw new TargetAlreadyMatched(target.kind, target.id, holder.lineId);
        return [{ type: 'TargetClaimed', data: { target: { ...target }, ...claimant, replacedLineId: holder?.lineId ?? null } }];
      }
      case 'ReleaseTarget': {
        const { target, lineId } = command.data;
        if (state.claimant?.lineId !== lineId) return [];
        return [{ type: 'TargetReleased', data: { target: { ...target }, lineId } }];
      }
      default: {
        const unreachable: never = command;
        throw new Error(`Unknown target claim command ${JSON.stringify(unreachable)}`);
      }
    }
  },
};
