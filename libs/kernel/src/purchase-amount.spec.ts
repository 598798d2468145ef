import fc from 'fast-check';
import { InvalidMoney, InvalidQuantity } from './kernel.errors';
import { Money } from './money';
import { purchaseAmount } from './purchase-amount';
import { assertQuantityKg, isQuantityKg, KG_PER_TONNE } from './quantity';

describe('quantities', () => {
  it('counts 1,000 kg units in a tonne', () => {
    expect(KG_PER_TONNE).toBe(1000);
  });

  it('accepts positive whole kilograms', () => {
    expect(assertQuantityKg(2_500)).toBe(2_500);
    expect(assertQuantityKg(1)).toBe(1);
    expect(isQuantityKg(Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it.each<unknown>([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, '10', 10n, null])(
    'refuses %p',
    (value) => {
      expect(isQuantityKg(value)).toBe(false);
      expect(() => assertQuantityKg(value)).toThrow(InvalidQuantity);
    },
  );

  it('names the offending field', () => {
    expect(() => assertQuantityKg(0, 'cobaltKg')).toThrow(expect.objectContaining({ details: { field: 'cobaltKg', value: '0' } }));
  });
});

describe('purchaseAmount (R5)', () => {
  it('prices the pilot sale: 2,500 kg at USD 4,800.00 per tonne is USD 12,000.00', () => {
    const amount = purchaseAmount(2_500, Money.parseDecimal('USD', '4800.00'));
    expect(amount.format()).toBe('USD 12,000.00');
  });

  it.each<[number, string, string, string]>([
    [1, 'USD', '5.00', 'USD 0.00'], // 0.5 cent → 0 (even)
    [3, 'USD', '5.00', 'USD 0.02'], // 1.5 cents → 2 (even)
    [5, 'USD', '5.00', 'USD 0.02'], // 2.5 cents → 2 (even)
    [7, 'USD', '5.00', 'USD 0.04'], // 3.5 cents → 4 (even)
    [1, 'USD', '4800.01', 'USD 4.80'], // 480.001 cents → 480
    [333, 'EUR', '1000.00', 'EUR 333.00'],
    [1, 'JPY', '1500', 'JPY 2'], // 1.5 yen → 2
    [1, 'JPY', '2500', 'JPY 2'], // 2.5 yen → 2
    [1, 'KWD', '1.500', 'KWD 0.002'], // 1.5 fils → 2
    [1_000, 'USD', '0.00', 'USD 0.00'],
  ])('%i kg at %s %s per tonne costs %s', (quantityKg, currency, price, expected) => {
    expect(purchaseAmount(quantityKg, Money.parseDecimal(currency, price)).format()).toBe(expected);
  });

  it('refuses a non-positive or fractional quantity and a negative price', () => {
    const price = Money.of('USD', 480_000n);
    expect(() => purchaseAmount(0, price)).toThrow(InvalidQuantity);
    expect(() => purchaseAmount(2.5, price)).toThrow(InvalidQuantity);
    expect(() => purchaseAmount(1, Money.of('USD', -1n))).toThrow(InvalidMoney);
  });

  it('is exact for whole tonnes and off by at most half a minor unit otherwise', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        (quantityKg, priceMinor) => {
          const amount = purchaseAmount(quantityKg, Money.of('USD', priceMinor)).amountMinor;
          const exactTimes1000 = BigInt(quantityKg) * priceMinor;
          const errorTimes2000 = 2n * (amount * 1000n - exactTimes1000);
          expect(errorTimes2000 <= 1000n && errorTimes2000 >= -1000n).toBe(true);
          if (quantityKg % 1000 === 0) expect(amount * 1000n).toBe(exactTimes1000);
        },
      ),
    );
  });
});
