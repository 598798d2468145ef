// The `:year` of footprint routes: four digits from FIRST_FOOTPRINT_YEAR, refused with 400 otherwise.
// Checked on the raw path text: a parameter typed `number` would first be converted by the global
// ValidationPipe (`+"abcd"` is NaN, `"02025"` becomes 2025) and the exact text would be lost.
import { FIRST_FOOTPRINT_YEAR, InvalidFootprintYear } from './footprints.errors';

export function footprintYearOf(text: string): number {
  if (!/^\d{4}$/.test(text) || Number(text) < FIRST_FOOTPRINT_YEAR) throw new InvalidFootprintYear(text);
  return Number(text);
}
