// Exact conversions between minor units (bigint) and decimal text, given a minor-unit exponent.
// String-only on purpose: going through a JS number would lose cents above 2^53.

/** Longest decimal text accepted, a bound on the work an untrusted input can cause. */
export const MAX_DECIMAL_TEXT_LENGTH = 40;

const DECIMAL_PATTERN = /^([+-]?)(\d+)(?:\.(\d+))?$/;

export type DecimalParseResult =
  | { ok: true; minor: bigint }
  | { ok: false; reason: string };

/**
 * Parses `[+-]digits[.digits]` into minor units. Refuses more decimals than `exponent`, thousands
 * separators, exponent notation, whitespace and a bare or trailing dot.
 */
export function parseDecimalToMinor(text: string, exponent: number): DecimalParseResult {
  if (text.length > MAX_DECIMAL_TEXT_LENGTH) return { ok: false, reason: 'too long' };
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) return { ok: false, reason: 'not a plain decimal number' };
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > exponent) {
    return { ok: false, reason: `more than ${exponent} decimal places` };
  }
  const magnitude = BigInt(whole + fraction.padEnd(exponent, '0'));
  return { ok: true, minor: sign === '-' ? -magnitude : magnitude };
}

/** `-1234567` with exponent 2 → `-12345.67` (no grouping). */
export function formatMinorAsDecimal(minor: bigint, exponent: number): string {
  const { sign, whole, fraction } = splitMinor(minor, exponent);
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/** `-1234567` with exponent 2 → `-12,345.67` (comma every three digits). */
export function formatMinorGrouped(minor: bigint, exponent: number): string {
  const { sign, whole, fraction } = splitMinor(minor, exponent);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === '' ? `${sign}${grouped}` : `${sign}${grouped}.${fraction}`;
}

function splitMinor(minor: bigint, exponent: number): { sign: string; whole: string; fraction: string } {
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, '0');
  const cut = digits.length - exponent;
  return { sign: minor < 0n ? '-' : '', whole: digits.slice(0, cut), fraction: digits.slice(cut) };
}
