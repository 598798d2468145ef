// Events and state of a downstream company (stream `company-{id}`). A company only registers for
// now; later slices (footprints, holdings) read the id, never this state.

export const COMPANY_STREAM_PREFIX = 'company-';

export function companyStreamId(companyId: string): string {
  return `${COMPANY_STREAM_PREFIX}${companyId}`;
}

export interface CompanyRegisteredData {
  companyId: string;
  name: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  /** ISO 17442 Legal Entity Identifier, or null when the company gave none. */
  lei: string | null;
}

export type CompanyEvent = { type: 'CompanyRegistered'; data: CompanyRegisteredData };

export type CompanyEventType = CompanyEvent['type'];

/**
 * - `unregistered`: no event yet; the id is free.
 * - `registered`: the company exists and may hold keys, purchases and holdings.
 */
export type CompanyState = { status: 'unregistered' } | ({ status: 'registered' } & CompanyRegisteredData);
