// Business rules of registering a company: pure, no I/O and no clock (DESIGN §3.2).
import type { Decider } from '@lib/kernel';
import { CompanyAlreadyRegistered, InvalidCompanyName, InvalidCountryCode, InvalidLei } from './companies.errors';
import type { CompanyEvent, CompanyState } from './company.events';
import { isCountryCode, isLei } from './company-identifiers';

export interface RegisterCompany {
  type: 'RegisterCompany';
  companyId: string;
  name: string;
  country: string;
  lei?: string | null;
}

export type CompanyCommand = RegisterCompany;

export const COMPANY_NAME_MAX_LENGTH = 200;
// Any C0/C1 control character (tabs and newlines included): a name is printed on certificates.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Surrounding spaces are not part of a name; inner spacing is kept as given. */
export function normaliseCompanyName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > COMPANY_NAME_MAX_LENGTH || CONTROL_CHARACTERS.test(trimmed)) {
    throw new InvalidCompanyName();
  }
  return trimmed;
}

function register(command: RegisterCompany, state: CompanyState): CompanyEvent[] {
  if (state.status === 'registered') throw new CompanyAlreadyRegistered(command.companyId);
  const name = normaliseCompanyName(command.name);
  if (!isCountryCode(command.country)) throw new InvalidCountryCode(command.country);
  const lei = command.lei ?? null;
  if (lei !== null && !isLei(lei)) throw new InvalidLei();
  return [{ type: 'CompanyRegistered', data: { companyId: command.companyId, name, country: command.country, lei } }];
}

export const companyDecider: Decider<CompanyCommand, CompanyState, CompanyEvent> = {
  initialState: () => ({ status: 'unregistered' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'CompanyRegistered':
        return { status: 'registered', ...event.data };
      default: {
        // Never throw on a recorded fact: an event type this code does not know leaves the state as is.
        const unknown: never = event.type;
        void unknown;
        return state;
      }
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'RegisterCompany':
        return register(command, state);
      default: {
        const unreachable: never = command.type;
        throw new Error(`Unknown company command ${String(unreachable)}`);
      }
    }
  },
};
