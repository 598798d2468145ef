// The programme's share of a sale (DESIGN funding decisions): fee = round-half-even(gross × feeBps
// / 10000), net = gross − fee. Why the net is a subtraction rather than rounded on its own: two
// roundings could lose or invent a minor unit; this way fee + net = gross exactly, always.
import type { Money } from '@lib/kernel';

export const BPS_PER_WHOLE = 10_000n;

export interface ProceedsSplit {
  fee: Money;
  net: Money;
}

export function splitProceeds(gross: Money, feeBps: number): ProceedsSplit {
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > Number(BPS_PER_WHOLE)) {
    throw new RangeError(`feeBps must be an integer from 0 to 10000, got ${feeBps}`);
  }
  if (gross.isNegative()) throw new RangeError('Sale proceeds cannot be negative');
  const fee = gross.multiplyRatio(BigInt(feeBps), BPS_PER_WHOLE);
  return { fee, net: gross.minus(fee) };
}
