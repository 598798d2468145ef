// Which month a business date belongs to, and period text checks.
import { isPeriod, periodEnd, periodOfDate, utcDayOf } from './period';

describe('period', () => {
  it('periodOfDate_WhenPlainDate_ThenItsMonth', () => {
    expect(periodOfDate('2026-03-31')).toBe('2026-03');
  });

  it('periodOfDate_WhenDateTimeWithZone_ThenMonthOfItsUtcDay', () => {
    // 23:30 at UTC-2 is already 1 April in UTC.
    expect(periodOfDate('2026-03-31T23:30:00-02:00')).toBe('2026-04');
    expect(periodOfDate('2026-04-01T00:30:00+01:00')).toBe('2026-03');
  });

  it('periodOfDate_WhenNotADate_ThenInvalidPeriod', () => {
    for (const text of ['2026-02-30', '2026-3-01', '2026-03-01T10:00:00', 'yesterday', '']) {
      expect(() => periodOfDate(text)).toThrow(expect.objectContaining({ code: 'FUNDING.INVALID_PERIOD' }));
    }
  });

  it('isPeriod_WhenChecked_ThenOnlyRealMonths', () => {
    expect(['2026-01', '2026-12', '1999-07'].every(isPeriod)).toBe(true);
    expect(['2026-00', '2026-13', '2026-1', '26-01', '2026-01-01', 42].some(isPeriod)).toBe(false);
  });

  it('periodEnd_WhenDecember_ThenFirstOfJanuary', () => {
    expect(periodEnd('2025-12')).toBe('2026-01-01T00:00:00.000Z');
    expect(periodEnd('2024-02')).toBe('2024-03-01T00:00:00.000Z');
  });

  it('utcDayOf_WhenLeapDay_ThenAccepted', () => {
    expect(utcDayOf('2024-02-29')).toBe('2024-02-29');
    expect(utcDayOf('2025-02-29')).toBeNull();
  });
});
