// Money (R5): an exact integer amount of minor units in one ISO 4217 currency. Immutable.
// Arithmetic across currencies throws CurrencyMismatch; there is no implicit conversion.
import { canonicalCurrencyCode, CurrencyCode, minorUnitExponent } from './currency';
import {
  formatMinorAsDecimal,
  formatMinorGrouped,
  MAX_DECIMAL_TEXT_LENGTH,
  parseDecimalToMinor,
} from './decimal-amount';
import { CurrencyMismatch, InvalidMoney } from './kernel.errors';
import { roundHalfEven } from './round-half-even';

/** Wire form (DESIGN §4): `{"currency":"USD","value":480000}`, value in minor units. */
export interface MoneyJson {
  currency: string;
  value: number;
}

const INTEGER_TEXT = /^-?\d+$/;

export class Money {
  private constructor(
    readonly currency: CurrencyCode,
    readonly amountMinor: bigint,
  ) {
    Object.freeze(this);
  }

  /** `minor` is in minor units: a bigint, a safe-integer number or an integer string. */
  static of(currency: string, minor: bigint | number | string): Money {
    return new Money(requireCurrency(currency), toMinor(minor));
  }

  static zero(currency: string): Money {
    return new Money(requireCurrency(currency), 0n);
  }

  /** Exact decimal text in major units: `parseDecimal('USD', '12000.00')` → 1,200,000 cents. */
  static parseDecimal(currency: string, text: string): Money {
    const code = requireCurrency(currency);
    const parsed = parseDecimalToMinor(text, minorUnitExponent(code));
    if (!parsed.ok) throw new InvalidMoney(parsed.reason, { currency: code, text: clip(text) });
    return new Money(code, parsed.minor);
  }

  /** Inverse of `format()`: `USD 12,000.00`, `JPY -5,000`. Only the exact canonical text. */
  static parse(text: string): Money {
    const match = /^([A-Z]{3}) (-?[\d,]+(?:\.\d+)?)$/.exec(text);
    if (match === null || text.length > MAX_DECIMAL_TEXT_LENGTH + 4) {
      throw new InvalidMoney('expected "CUR 1,234.56"', { text: clip(text) });
    }
    const code = requireCurrency(match[1]);
    const parsed = parseDecimalToMinor(match[2].replace(/,/g, ''), minorUnitExponent(code));
    const money = parsed.ok ? new Money(code, parsed.minor) : null;
    // Re-formatting rejects misplaced separators, missing decimals and "-0" in one check.
    if (money === null || money.format() !== text) {
      throw new InvalidMoney('not in canonical "CUR 1,234.56" form', { text: clip(text) });
    }
    return money;
  }

  static fromJSON(json: unknown): Money {
    if (typeof json !== 'object' || json === null) throw new InvalidMoney('expected {currency, value}');
    const { currency, value } = json as Record<string, unknown>;
    if (typeof currency !== 'string') throw new InvalidMoney('currency must be a string');
    if (typeof value !== 'number' && typeof value !== 'string') {
      throw new InvalidMoney('value must be an integer number of minor units');
    }
    return Money.of(currency, value);
  }

  plus(other: Money): Money {
    return new Money(this.sameCurrency(other), this.amountMinor + other.amountMinor);
  }

  minus(other: Money): Money {
    return new Money(this.sameCurrency(other), this.amountMinor - other.amountMinor);
  }

  negate(): Money {
    return new Money(this.currency, -this.amountMinor);
  }

  times(factor: bigint): Money {
    return new Money(this.currency, this.amountMinor * factor);
  }

  /** amount × numerator / denominator, rounded half-even to the minor unit. */
  multiplyRatio(numerator: bigint, denominator: bigint): Money {
    if (denominator === 0n) throw new InvalidMoney('ratio with a zero denominator');
    return new Money(this.currency, roundHalfEven(this.amountMinor * numerator, denominator));
  }

  isZero(): boolean {
    return this.amountMinor === 0n;
  }

  isNegative(): boolean {
    return this.amountMinor < 0n;
  }

  isPositive(): boolean {
    return this.amountMinor > 0n;
  }

  /** -1, 0 or 1. Comparing different currencies throws: there is no order between them. */
  compare(other: Money): -1 | 0 | 1 {
    this.sameCurrency(other);
    if (this.amountMinor === other.amountMinor) return 0;
    return this.amountMinor < other.amountMinor ? -1 : 1;
  }

  /** Same currency and amount. Different currencies are simply not equal. */
  equals(other: Money): boolean {
    return this.currency === other.currency && this.amountMinor === other.amountMinor;
  }

  /** Throws when the value does not fit a JSON number exactly (beyond ±2^53 − 1). */
  toJSON(): MoneyJson {
    const value = Number(this.amountMinor);
    if (!Number.isSafeInteger(value)) {
      throw new InvalidMoney('amount too large for JSON', { currency: this.currency });
    }
    return { currency: this.currency, value };
  }

  /** Major units without grouping, e.g. `12000.00`; the input format of `parseDecimal`. */
  toDecimalString(): string {
    return formatMinorAsDecimal(this.amountMinor, minorUnitExponent(this.currency));
  }

  /** For people: `USD 12,000.00`, `JPY -5,000`, `KWD 1.250`. */
  format(): string {
    return `${this.currency} ${formatMinorGrouped(this.amountMinor, minorUnitExponent(this.currency))}`;
  }

  toString(): string {
    return this.format();
  }

  private sameCurrency(other: Money): CurrencyCode {
    if (other.currency !== this.currency) throw new CurrencyMismatch(this.currency, other.currency);
    return this.currency;
  }
}

function requireCurrency(currency: string): CurrencyCode {
  const code = canonicalCurrencyCode(currency);
  if (code === undefined) throw new InvalidMoney('unknown currency', { currency: clip(currency) });
  return code;
}

function toMinor(minor: bigint | number | string): bigint {
  if (typeof minor === 'bigint') return minor;
  if (typeof minor === 'number') {
    if (!Number.isSafeInteger(minor)) throw new InvalidMoney('minor units must be a safe integer', { value: minor });
    return BigInt(minor);
  }
  if (minor.length > MAX_DECIMAL_TEXT_LENGTH || !INTEGER_TEXT.test(minor)) {
    throw new InvalidMoney('minor units must be an integer', { value: clip(minor) });
  }
  return BigInt(minor);
}

/** Echo at most a short prefix of untrusted input in error details. */
function clip(text: string): string {
  return text.length > 48 ? `${text.slice(0, 48)}…` : text;
}
