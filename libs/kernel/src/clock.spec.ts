import { FixedClock, systemClock } from './clock';

describe('FixedClock', () => {
  it('stays put until set or advanced', () => {
    const clock = new FixedClock('2023-08-15T09:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2023-08-15T09:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2023-08-15T09:00:00.000Z');

    clock.advanceMs(15 * 60 * 1000);
    expect(clock.now().toISOString()).toBe('2023-08-15T09:15:00.000Z');

    clock.set(new Date('2026-03-31T23:59:59.999Z'));
    expect(clock.now().toISOString()).toBe('2026-03-31T23:59:59.999Z');
  });

  it('cannot be moved by mutating a date it returned', () => {
    const clock = new FixedClock('2023-08-15T09:00:00.000Z');
    clock.now().setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2023-08-15T09:00:00.000Z');
  });

  it('refuses invalid dates and steps', () => {
    expect(() => new FixedClock('yesterday')).toThrow(RangeError);
    expect(() => new FixedClock().set(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => new FixedClock().advanceMs(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('systemClock', () => {
  it('reads the system time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
