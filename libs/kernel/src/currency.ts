// ISO 4217 currencies the registry accepts, with their minor-unit exponent (decimals).
// A closed table on purpose: an unknown code is refused rather than guessed at.

const MINOR_UNIT_EXPONENTS = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CHF: 2,
  CDF: 2,
  ZAR: 2,
  CNY: 2,
  CAD: 2,
  AUD: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  JPY: 0,
  KRW: 0,
  BHD: 3,
  KWD: 3,
} as const satisfies Record<string, number>;

export type CurrencyCode = keyof typeof MINOR_UNIT_EXPONENTS;

export const CURRENCY_CODES: readonly CurrencyCode[] = Object.freeze(
  Object.keys(MINOR_UNIT_EXPONENTS) as CurrencyCode[],
);

/**
 * The table's own copy of a code, or undefined when it is not one: amounts parsed from events
 * share one string per currency instead of each keeping its own.
 */
const CANONICAL_CODES: ReadonlyMap<string, CurrencyCode> = new Map(CURRENCY_CODES.map((code) => [code, code]));

export function canonicalCurrencyCode(code: string): CurrencyCode | undefined {
  return CANONICAL_CODES.get(code);
}

export function isCurrencyCode(code: unknown): code is CurrencyCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(MINOR_UNIT_EXPONENTS, code);
}

/** Number of decimals of the currency's minor unit: USD 2 (cents), JPY 0, KWD 3 (fils). */
export function minorUnitExponent(currency: CurrencyCode): number {
  return MINOR_UNIT_EXPONENTS[currency];
}
