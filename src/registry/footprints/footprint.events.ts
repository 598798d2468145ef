// Footprints on the company stream `company-{id}` (DESIGN §1): the cobalt a company declares for a
// year. A new declaration for the same year replaces the previous one (the history stays in the log).
import type { CompanyEvent } from '../../access/companies/company.events';

export interface FootprintDeclared {
  type: 'FootprintDeclared';
  data: { companyId: string; year: number; cobaltKg: number };
}

/** Events of the company stream this slice folds: its own and the registration it depends on. */
export type FootprintStreamEvent = FootprintDeclared | CompanyEvent;

/**
 * - `registered`: the company exists (footprints of unknown companies are refused).
 * - `footprints`: the current declaration per year, in kilograms of cobalt.
 */
export interface FootprintState {
  registered: boolean;
  footprints: ReadonlyMap<number, number>;
}
