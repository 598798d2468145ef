import fc from 'fast-check';
import { roundHalfEven } from './round-half-even';

describe('roundHalfEven', () => {
  it.each<[bigint, bigint, bigint]>([
    [5n, 2n, 2n], // 2.5 → 2 (even)
    [7n, 2n, 4n], // 3.5 → 4 (even)
    [-5n, 2n, -2n],
    [-7n, 2n, -4n],
    [5n, -2n, -2n],
    [-5n, -2n, 2n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [-2n, 3n, -1n],
    [12_000_000n, 1000n, 12_000n],
    [1_500n, 1000n, 2n],
    [2_500n, 1000n, 2n],
    [2_501n, 1000n, 3n],
    [0n, 7n, 0n],
  ])('%p / %p → %p', (numerator, denominator, expected) => {
    expect(roundHalfEven(numerator, denominator)).toBe(expected);
  });

  it('refuses division by zero', () => {
    expect(() => roundHalfEven(1n, 0n)).toThrow(RangeError);
  });

  it('is within one half of the exact quotient, ties going to the even neighbour', () => {
    const nonZero = fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }).filter((d) => d !== 0n);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), nonZero, (n, d) => {
        const r = roundHalfEven(n, d);
        // |n/d − r| ≤ 1/2  ⇔  |2(n − r·d)| ≤ |d|, all in exact integers.
        const twiceError = 2n * (n - r * d);
        const magnitude = twiceError < 0n ? -twiceError : twiceError;
        const absD = d < 0n ? -d : d;
        expect(magnitude <= absD).toBe(true);
        if (magnitude === absD) expect(r % 2n).toBe(0n);
      }),
    );
  });

  it('agrees with rounding the exact rational computed by floor division', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (n, d) => {
          expect(roundHalfEven(n, d)).toBe(referenceHalfEven(n, d));
        },
      ),
    );
  });

  it('is odd-symmetric: rounding −x is −(rounding x)', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt({ min: 1n, max: 10n ** 9n }), (n, d) => {
        expect(roundHalfEven(-n, d)).toBe(-roundHalfEven(n, d));
      }),
    );
  });
});

/** Independent reference: floor(n/d) for d > 0, then compare the fractional part with 1/2. */
function referenceHalfEven(n: bigint, d: bigint): bigint {
  const floor = n >= 0n ? n / d : -((-n + d - 1n) / d);
  const fractionTimesD = n - floor * d; // 0 ≤ fraction·d < d
  if (2n * fractionTimesD < d) return floor;
  if (2n * fractionTimesD > d) return floor + 1n;
  return floor % 2n === 0n ? floor : floor + 1n;
}
