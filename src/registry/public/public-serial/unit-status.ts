// Where one unit of a batch is, from the batch state: every unit is in exactly one place (R1).
// Pure. Public answers never say which company holds or reserved a unit (R11).
import type { IssuedBatch } from '../../batches/batch.state';

export const UNIT_STATUSES = ['available', 'reserved', 'held', 'retired', 'cancelled'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** The unit's status, or null when the batch has no such unit (0, or beyond its issued quantity). */
export function unitStatus(state: IssuedBatch, unit: number): UnitStatus | null {
  if (!Number.isSafeInteger(unit) || unit < 1 || unit > state.issuedKg) return null;
  if (state.available.contains(unit)) return 'available';
  if (state.retired.contains(unit)) return 'retired';
  if (state.cancelled.contains(unit)) return 'cancelled';
  for (const reservation of state.reservations.values()) if (reservation.serials.contains(unit)) return 'reserved';
  for (const holding of state.holdings.values()) if (holding.contains(unit)) return 'held';
  // Unreachable while R1 holds (every issued unit is somewhere); answered as "no such unit".
  return null;
}
