// Money as text: exact decimal parsing and human formatting.
import fc from 'fast-check';
import { CURRENCY_CODES, minorUnitExponent } from './currency';
import { InvalidMoney } from './kernel.errors';
import { Money } from './money';

const money = fc
  .tuple(fc.constantFrom(...CURRENCY_CODES), fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }))
  .map(([code, minor]) => Money.of(code, minor));

describe('Money text', () => {
  it.each<[string, string, bigint]>([
    ['USD', '12000.00', 1_200_000n],
    ['USD', '12000', 1_200_000n],
    ['USD', '12000.5', 1_200_050n],
    ['USD', '-0.01', -1n],
    ['USD', '+4800', 480_000n],
    ['USD', '-0', 0n],
    ['JPY', '5000', 5_000n],
    ['KWD', '1.250', 1_250n],
    ['BHD', '0.001', 1n],
    ['EUR', '320000.00', 32_000_000n],
  ])('parses %s %s exactly', (code, text, expectedMinor) => {
    expect(Money.parseDecimal(code, text).amountMinor).toBe(expectedMinor);
  });

  it.each<[string, string]>([
    ['USD', '1.001'],
    ['JPY', '1.0'],
    ['KWD', '1.0001'],
    ['USD', '12,000.00'],
    ['USD', '1e3'],
    ['USD', '1E3'],
    ['USD', ' 1.00'],
    ['USD', '1.00 '],
    ['USD', '1 000'],
    ['USD', '1.'],
    ['USD', '.5'],
    ['USD', ''],
    ['USD', '-'],
    ['USD', '--1'],
    ['USD', '0x10'],
    ['USD', 'Infinity'],
    ['USD', '1'.repeat(41)],
    ['XYZ', '1.00'],
  ])('refuses %s %p', (code, text) => {
    expect(() => Money.parseDecimal(code, text)).toThrow(InvalidMoney);
  });

  it.each<[Money, string]>([
    [Money.of('USD', 1_200_000n), 'USD 12,000.00'],
    [Money.of('USD', -1_200_000n), 'USD -12,000.00'],
    [Money.of('USD', 5n), 'USD 0.05'],
    [Money.of('USD', 0n), 'USD 0.00'],
    [Money.of('EUR', 32_000_000n), 'EUR 320,000.00'],
    [Money.of('JPY', 1_234_567n), 'JPY 1,234,567'],
    [Money.of('KWD', 1_250n), 'KWD 1.250'],
    [Money.of('CDF', 100n), 'CDF 1.00'],
  ])('formats %s as %p', (value, text) => {
    expect(value.format()).toBe(text);
    expect(String(value)).toBe(text);
  });

  it('parses formatted text back to the same amount', () => {
    fc.assert(
      fc.property(money, (value) => {
        expect(Money.parse(value.format()).equals(value)).toBe(true);
        expect(Money.parseDecimal(value.currency, value.toDecimalString()).equals(value)).toBe(true);
      }),
    );
  });

  it('writes exactly the currency exponent in decimals', () => {
    fc.assert(
      fc.property(money, (value) => {
        const decimals = value.toDecimalString().split('.')[1] ?? '';
        expect(decimals.length).toBe(minorUnitExponent(value.currency));
      }),
    );
  });

  it.each(['USD 12000.00', 'USD 12,000.0', 'USD 1,2000.00', 'USD -0.00', 'USD 012.00', 'usd 1.00', 'USD  1.00', 'XYZ 1.00'])(
    'refuses non-canonical formatted text %p',
    (text) => {
      expect(() => Money.parse(text)).toThrow(InvalidMoney);
    },
  );
});
