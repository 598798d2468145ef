import fc from 'fast-check';
import { Money } from '@lib/kernel';
import { splitProceeds } from './fee-split';

const usd = (cents: bigint | number): Money => Money.of('USD', cents);

describe('splitProceeds', () => {
  it('split_WhenPilotSaleAt5Percent_ThenExactFeeAndNet', () => {
    const { fee, net } = splitProceeds(usd(1_200_000), 500);
    expect([fee.amountMinor, net.amountMinor]).toEqual([60_000n, 1_140_000n]);
  });

  it('split_WhenFeeIsExactlyHalfAMinorUnit_ThenRoundsToEven', () => {
    // 5 bps of 1,000 cents = 0.5 cent → 0 (even); of 3,000 cents = 1.5 → 2 (even); of 5,000 = 2.5 → 2.
    expect(splitProceeds(usd(1_000), 5).fee.amountMinor).toBe(0n);
    expect(splitProceeds(usd(3_000), 5).fee.amountMinor).toBe(2n);
    expect(splitProceeds(usd(5_000), 5).fee.amountMinor).toBe(2n);
    expect(splitProceeds(usd(7_000), 5).fee.amountMinor).toBe(4n);
  });

  it('split_WhenOddAmountNotATie_ThenRoundsToNearest', () => {
    // 1,234,567 × 250 / 10,000 = 30,864.175 → 30,864.
    const { fee, net } = splitProceeds(usd(1_234_567), 250);
    expect([fee.amountMinor, net.amountMinor]).toEqual([30_864n, 1_203_703n]);
    // 333 × 1,550 / 10,000 = 51.615 → 52.
    expect(splitProceeds(usd(333), 1_550).fee.amountMinor).toBe(52n);
  });

  it('split_WhenFeeBpsIsZeroOrWhole_ThenAllNetOrAllFee', () => {
    expect(splitProceeds(usd(999), 0)).toEqual({ fee: usd(0), net: usd(999) });
    expect(splitProceeds(usd(999), 10_000)).toEqual({ fee: usd(999), net: usd(0) });
  });

  it('split_WhenFeeBpsOutOfRangeOrGrossNegative_ThenThrows', () => {
    expect(() => splitProceeds(usd(100), -1)).toThrow(RangeError);
    expect(() => splitProceeds(usd(100), 10_001)).toThrow(RangeError);
    expect(() => splitProceeds(usd(100), 2.5)).toThrow(RangeError);
    expect(() => splitProceeds(usd(-100), 100)).toThrow(RangeError);
  });

  it('split_ForAnyGrossAndFee_ThenNetPlusFeeIsGrossAndFeeIsWithinHalfAUnitOfExact', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 10_000 }), (cents, feeBps) => {
        const gross = usd(cents);
        const { fee, net } = splitProceeds(gross, feeBps);
        expect(fee.plus(net).equals(gross)).toBe(true);
        expect(fee.isNegative() || net.isNegative()).toBe(false);
        // |fee × 10000 − gross × feeBps| ≤ 5000: never more than half a minor unit off.
        const error = fee.amountMinor * 10_000n - cents * BigInt(feeBps);
        expect(error <= 5_000n && error >= -5_000n).toBe(true);
      }),
    );
  });
});
