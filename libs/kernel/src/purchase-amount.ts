// Rule R5: the amount of a purchase is round-half-even(quantityKg × pricePerTonne / 1000),
// computed once, in the price's minor units. Prices are per tonne, quantities in kg.
import { InvalidMoney } from './kernel.errors';
import { Money } from './money';
import { assertQuantityKg, KG_PER_TONNE } from './quantity';

export function purchaseAmount(quantityKg: number, pricePerTonne: Money): Money {
  assertQuantityKg(quantityKg);
  if (pricePerTonne.isNegative()) {
    throw new InvalidMoney('price per tonne cannot be negative', { price: pricePerTonne.format() });
  }
  return pricePerTonne.multiplyRatio(BigInt(quantityKg), BigInt(KG_PER_TONNE));
}
