// Exact division of integers rounded to the nearest integer, ties to even ("banker's rounding").
// Why half-even: over many purchases it does not drift the site's proceeds up or down (R5).

/** round-half-even(numerator / denominator), exact for any size and sign. */
export function roundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('roundHalfEven: division by zero');
  // Work on magnitudes so that ties round the same way on both sides of zero.
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  const twiceRemainder = (n % d) * 2n;
  if (twiceRemainder > d || (twiceRemainder === d && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}
