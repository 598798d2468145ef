// Refusals of the footprint routes, each with a stable code (DESIGN §4).
import { DomainError } from '@lib/kernel';

/** Footprints are declared for years of the scheme's era; 2000 leaves room for back-filled history. */
export const FIRST_FOOTPRINT_YEAR = 2000;

export class InvalidFootprintYear extends DomainError {
  readonly code = 'REGISTRY.INVALID_FOOTPRINT_YEAR';
  readonly kind = 'validation' as const;
  constructor(year: string, maxYear?: number) {
    super(`The year must be a four-digit year from ${FIRST_FOOTPRINT_YEAR}${maxYear === undefined ? '' : ` to ${maxYear}`}`, { year: year.slice(0, 8) });
  }
}

export class InvalidFootprint extends DomainError {
  readonly code = 'REGISTRY.INVALID_FOOTPRINT';
  readonly kind = 'validation' as const;
  constructor(cobaltKg: unknown) {
    super('cobaltKg must be a positive whole number of kilograms', { cobaltKg: String(cobaltKg).slice(0, 24) });
  }
}

/** No footprint declared for that year (or, R11, not the caller's company). */
export class FootprintNotFound extends DomainError {
  readonly code = 'REGISTRY.FOOTPRINT_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(year: number) {
    super(`No footprint declared for ${year}`, { year });
  }
}
