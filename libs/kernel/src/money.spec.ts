import fc from 'fast-check';
import { CURRENCY_CODES, CurrencyCode } from './currency';
import { CurrencyMismatch, InvalidMoney } from './kernel.errors';
import { Money } from './money';

const currency = fc.constantFrom(...CURRENCY_CODES);
const minor = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n });
const moneyIn = (code: CurrencyCode) => minor.map((m) => Money.of(code, m));
const money = currency.chain(moneyIn);
const sameCurrencyPair = currency.chain((c) => fc.tuple(moneyIn(c), moneyIn(c)));
const sameCurrencyTriple = currency.chain((c) => fc.tuple(moneyIn(c), moneyIn(c), moneyIn(c)));

describe('Money', () => {
  describe('creation', () => {
    it('accepts minor units as bigint, safe integer or integer string', () => {
      expect(Money.of('USD', 1_200_000n).amountMinor).toBe(1_200_000n);
      expect(Money.of('USD', 1_200_000).amountMinor).toBe(1_200_000n);
      expect(Money.of('USD', '-123456789012345678901234567890').amountMinor).toBe(
        -123456789012345678901234567890n,
      );
      expect(Money.zero('JPY').isZero()).toBe(true);
    });

    it.each<[string, string | number]>([
      ['USD', 1.5],
      ['USD', Number.MAX_SAFE_INTEGER + 1],
      ['USD', Number.NaN],
      ['USD', '1.5'],
      ['USD', '1e3'],
      ['USD', ' 12'],
      ['USD', ''],
      ['usd', 1],
      ['XXX', 1],
      ['US', 1],
    ])('refuses %s %p', (code, value) => {
      expect(() => Money.of(code, value)).toThrow(InvalidMoney);
    });

    it('is immutable', () => {
      const price = Money.of('USD', 480_000n);
      expect(Object.isFrozen(price)).toBe(true);
      expect(() => {
        (price as unknown as { amountMinor: bigint }).amountMinor = 1n;
      }).toThrow(TypeError);
    });
  });

  describe('arithmetic', () => {
    it('adds, subtracts, negates and multiplies exactly', () => {
      const a = Money.of('EUR', 32_000_000n);
      const b = Money.of('EUR', 1n);
      expect(a.plus(b).amountMinor).toBe(32_000_001n);
      expect(b.minus(a).amountMinor).toBe(-31_999_999n);
      expect(a.negate().isNegative()).toBe(true);
      expect(a.times(3n).amountMinor).toBe(96_000_000n);
    });

    it('multiplies by a ratio rounding half to even', () => {
      expect(Money.of('USD', 5n).multiplyRatio(1n, 2n).amountMinor).toBe(2n);
      expect(Money.of('USD', 7n).multiplyRatio(1n, 2n).amountMinor).toBe(4n);
      expect(Money.of('USD', -5n).multiplyRatio(1n, 2n).amountMinor).toBe(-2n);
      expect(Money.of('USD', 480_000n).multiplyRatio(2_500n, 1_000n).amountMinor).toBe(1_200_000n);
      expect(() => Money.of('USD', 1n).multiplyRatio(1n, 0n)).toThrow(InvalidMoney);
    });

    it('compares and tests equality within one currency', () => {
      const one = Money.of('GBP', 100n);
      const two = Money.of('GBP', 200n);
      expect(one.compare(two)).toBe(-1);
      expect(two.compare(one)).toBe(1);
      expect(one.compare(Money.of('GBP', 100n))).toBe(0);
      expect(one.equals(Money.of('GBP', 100n))).toBe(true);
      expect(one.equals(Money.of('EUR', 100n))).toBe(false);
    });

    it('never combines two currencies', () => {
      const pair = fc.tuple(money, money).filter(([a, b]) => a.currency !== b.currency);
      fc.assert(
        fc.property(pair, ([a, b]) => {
          expect(() => a.plus(b)).toThrow(CurrencyMismatch);
          expect(() => a.minus(b)).toThrow(CurrencyMismatch);
          expect(() => a.compare(b)).toThrow(CurrencyMismatch);
          expect(a.equals(b)).toBe(false);
        }),
      );
    });

    it('adds associatively and commutatively', () => {
      fc.assert(
        fc.property(sameCurrencyTriple, ([a, b, c]) => {
          expect(a.plus(b).plus(c).equals(a.plus(b.plus(c)))).toBe(true);
          expect(a.plus(b).equals(b.plus(a))).toBe(true);
        }),
      );
    });

    it('has zero as identity and minus as the inverse of plus', () => {
      fc.assert(
        fc.property(sameCurrencyPair, ([a, b]) => {
          expect(a.plus(b).minus(b).equals(a)).toBe(true);
          expect(a.minus(b).equals(a.plus(b.negate()))).toBe(true);
          expect(a.plus(Money.zero(a.currency)).equals(a)).toBe(true);
          expect(a.plus(a.negate()).isZero()).toBe(true);
        }),
      );
    });

    it('orders consistently with subtraction', () => {
      fc.assert(
        fc.property(sameCurrencyPair, ([a, b]) => {
          const difference = a.minus(b);
          const expected = difference.isZero() ? 0 : difference.isNegative() ? -1 : 1;
          expect(a.compare(b)).toBe(expected);
          // `0 - expected` rather than `-expected`: Jest tells -0 from 0.
          expect(b.compare(a)).toBe(0 - expected);
        }),
      );
    });
  });

  describe('JSON', () => {
    it('writes {currency, value} in minor units and reads it back', () => {
      const price = Money.of('USD', 480_000n);
      expect(JSON.parse(JSON.stringify({ price }))).toEqual({ price: { currency: 'USD', value: 480_000 } });
      expect(Money.fromJSON({ currency: 'USD', value: 480_000 }).equals(price)).toBe(true);
    });

    it('refuses to write a value that a JSON number cannot hold exactly', () => {
      expect(() => Money.of('USD', 2n ** 53n).toJSON()).toThrow(InvalidMoney);
      expect(Money.of('USD', 2n ** 53n - 1n).toJSON().value).toBe(Number.MAX_SAFE_INTEGER);
    });

    it.each<unknown>([
      null,
      'USD 1.00',
      { currency: 'USD' },
      { currency: 'USD', value: 1.5 },
      { currency: 'USD', value: true },
      { currency: 'ABC', value: 1 },
      { currency: 1, value: 1 },
    ])('refuses to read %p', (json) => {
      expect(() => Money.fromJSON(json)).toThrow(InvalidMoney);
    });

    it('round trips every safe amount', () => {
      const safe = fc.bigInt({ min: BigInt(Number.MIN_SAFE_INTEGER), max: BigInt(Number.MAX_SAFE_INTEGER) });
      fc.assert(
        fc.property(currency, safe, (code, amount) => {
          const original = Money.of(code, amount);
          expect(Money.fromJSON(JSON.parse(JSON.stringify(original))).equals(original)).toBe(true);
        }),
      );
    });
  });
});
