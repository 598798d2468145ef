// Declaring a company's cobalt footprint for a year: pure, no I/O, no clock (`now` comes in).
// It shares the company stream with the access context's company decider; each folds only the
// events it knows and ignores the others.
import { Decider, isQuantityKg } from '@lib/kernel';
import { CompanyNotFound } from '../../access/companies/companies.errors';
import type { FootprintStreamEvent, FootprintState } from './footprint.events';
import { FIRST_FOOTPRINT_YEAR, InvalidFootprint, InvalidFootprintYear } from './footprints.errors';

export interface DeclareFootprint {
  type: 'DeclareFootprint';
  data: { companyId: string; year: number; cobaltKg: number; now: string };
}

function declare({ data }: DeclareFootprint, state: FootprintState): FootprintStreamEvent[] {
  if (!state.registered) throw new CompanyNotFound();
  // A footprint is declared for a year that has begun, like the claim years it is covered by.
  const currentYear = new Date(data.now).getUTCFullYear();
  if (!Number.isInteger(data.year) || data.year < FIRST_FOOTPRINT_YEAR || data.year > currentYear) {
    throw new InvalidFootprintYear(String(data.year), currentYear);
  }
  if (!isQuantityKg(data.cobaltKg)) throw new InvalidFootprint(data.cobaltKg);
  if (state.footprints.get(data.year) === data.cobaltKg) return [];
  return [{ type: 'FootprintDeclared', data: { companyId: data.companyId, year: data.year, cobaltKg: data.cobaltKg } }];
}

export const footprintDecider: Decider<DeclareFootprint, FootprintState, FootprintStreamEvent> = {
  initialState: () => ({ registered: false, footprints: new Map() }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'CompanyRegistered':
        return { ...state, registered: true };
      case 'FootprintDeclared':
        return { ...state, footprints: new Map(state.footprints).set(event.data.year, event.data.cobaltKg) };
      default: {
        // Other events of the company stream (written by other slices or newer code) are not ours.
        const unknown: never = event;
        void unknown;
        return state;
      }
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'DeclareFootprint':
        return declare(command, state);
      default: {
        const unreachable: never = command.type;
        throw new Error(`Unknown footprint command ${String(unreachable)}`);
      }
    }
  },
};
