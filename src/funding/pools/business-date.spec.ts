import { BusinessDateInFuture, InvalidBusinessDate } from './funding.errors';
import { businessDay, isCalendarDate, nextDay, parseBusinessDate } from './business-date';

const NOW = '2026-03-10T12:00:00.000Z';

describe('business dates', () => {
  it('parse_WhenPlainCalendarDate_ThenRecordedAsGiven', () => {
    expect(parseBusinessDate('paidAt', '2026-03-01', NOW)).toBe('2026-03-01');
  });

  it('parse_WhenDateTimeWithZone_ThenRecordedInUtcAndDayIsTheUtcDay', () => {
    const recorded = parseBusinessDate('paidAt', '2026-03-01T00:30:00+02:00', NOW);
    expect(recorded).toBe('2026-02-28T22:30:00.000Z');
    expect(businessDay(recorded)).toBe('2026-02-28');
  });

  it('parse_WhenNotADateOrNotARealDay_ThenRefused', () => {
    for (const text of ['2026-02-30', '2026-13-01', '01/03/2026', '2026-03-01T10:00:00', '2026-3-1', '', 'yesterday', '1899-12-31']) {
      expect(() => parseBusinessDate('paidAt', text, NOW)).toThrow(InvalidBusinessDate);
    }
  });

  it('parse_WhenTomorrowUtc_ThenAccepted_AndWhenLater_ThenRefused', () => {
    expect(parseBusinessDate('paidAt', '2026-03-11', NOW)).toBe('2026-03-11');
    expect(() => parseBusinessDate('paidAt', '2026-03-12', NOW)).toThrow(BusinessDateInFuture);
  });

  it('calendar helpers_WhenLeapYearAndMonthEnds_ThenExact', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});
