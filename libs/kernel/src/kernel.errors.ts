// The generic refusals the kernel's value types throw. Feature slices define their own.
import { DomainError } from './domain-error';

export class CurrencyMismatch extends DomainError {
  readonly code = 'MONEY.CURRENCY_MISMATCH';
  readonly kind = 'rule' as const;
  constructor(left: string, right: string) {
    super(`Cannot combine ${left} with ${right}`, { left, right });
  }
}

export class InvalidMoney extends DomainError {
  readonly code = 'MONEY.INVALID';
  readonly kind = 'validation' as const;
  constructor(reason: string, details?: Record<string, unknown>) {
    super(`Invalid money: ${reason}`, details);
  }
}

export class InvalidQuantity extends DomainError {
  readonly code = 'QUANTITY.INVALID';
  readonly kind = 'validation' as const;
  constructor(field: string, value: unknown) {
    super(`${field} must be a positive whole number of kilograms`, { field, value: String(value) });
  }
}

export class InvalidSerial extends DomainError {
  readonly code = 'SERIAL.INVALID';
  readonly kind = 'validation' as const;
  constructor(reason: string, details?: Record<string, unknown>) {
    super(`Invalid serial: ${reason}`, details);
  }
}

/** A range or set of ranges that is malformed (from > to, unit < 1, a unit listed twice). */
export class InvalidSerialRange extends DomainError {
  readonly code = 'SERIAL.INVALID_RANGE';
  readonly kind = 'validation' as const;
  constructor(reason: string, details?: Record<string, unknown>) {
    super(`Invalid serial range: ${reason}`, details);
  }
}

export class NotEnoughUnits extends DomainError {
  readonly code = 'SERIAL.NOT_ENOUGH_UNITS';
  readonly kind = 'rule' as const;
  constructor(requested: number, available: number) {
    super(`Requested ${requested} units, only ${available} available`, { requested, available });
  }
}

/** Subtracting units the set does not hold: the caller did not own what it tried to move. */
export class UnitsNotHeld extends DomainError {
  readonly code = 'SERIAL.UNITS_NOT_HELD';
  readonly kind = 'rule' as const;
  constructor(missing: string) {
    super(`Units ${missing} are not held`, { missing });
  }
}

/** Adding units the set already holds: a unit can never have two owners (R1). */
export class UnitsAlreadyHeld extends DomainError {
  readonly code = 'SERIAL.UNITS_ALREADY_HELD';
  readonly kind = 'conflict' as const;
  constructor(overlap: string) {
    super(`Units ${overlap} are already held`, { overlap });
  }
}
