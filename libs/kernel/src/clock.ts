// Time comes in through a Clock so deciders and tests never read the system time directly.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock that only moves when told to. For tests and replays. */
export class FixedClock implements Clock {
  private currentMs: number;

  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.currentMs = FixedClock.toMs(start);
  }

  /** A fresh Date each time, so a caller mutating it cannot move the clock. */
  now(): Date {
    return new Date(this.currentMs);
  }

  set(to: Date | string): void {
    this.currentMs = FixedClock.toMs(to);
  }

  advanceMs(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`Cannot advance a clock by ${ms} ms`);
    this.currentMs += ms;
  }

  private static toMs(value: Date | string): number {
    const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
    if (Number.isNaN(ms)) throw new RangeError(`Invalid date: ${String(value)}`);
    return ms;
  }
}
