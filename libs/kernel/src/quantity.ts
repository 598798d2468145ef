// Quantities are whole kilograms of cobalt: 1 unit = 1 kg, 1 credit = 1 tonne = 1,000 units.
import { InvalidQuantity } from './kernel.errors';

export const KG_PER_TONNE = 1000;

export function isQuantityKg(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** Returns `quantityKg` when it is a positive safe integer; throws InvalidQuantity otherwise. */
export function assertQuantityKg(quantityKg: unknown, field = 'quantityKg'): number {
  if (!isQuantityKg(quantityKg)) throw new InvalidQuantity(field, quantityKg);
  return quantityKg;
}
