// Reconciliation periods are calendar months `YYYY-MM` (stream `period-{yyyy-mm}`). A business
// date (`YYYY-MM-DD`, or an ISO 8601 date-time with a zone) belongs to the month of its UTC
// calendar day: the same rule the funding reports use, so a movement is in exactly one period.
import { InvalidPeriod } from './periods.errors';

const PERIOD = /^(\d{4})-(\d{2})$/;
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

export const PERIOD_STREAM_PREFIX = 'period-';

export function periodStreamId(period: string): string {
  return `${PERIOD_STREAM_PREFIX}${period}`;
}

/** True for `YYYY-MM` with a month 01..12. */
export function isPeriod(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = PERIOD.exec(text);
  if (match === null) return false;
  const [year, month] = [Number(match[1]), Number(match[2])];
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12;
}

export function assertPeriod(text: string): string {
  if (!isPeriod(text)) throw new InvalidPeriod(text);
  return text;
}

/** True for a real calendar date `YYYY-MM-DD` (no 2026-02-30). */
export function isCalendarDay(text: string): boolean {
  const match = PLAIN_DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= MIN_YEAR && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The UTC calendar day of a business date, or null when the text is not one. */
export function utcDayOf(date: string): string | null {
  if (isCalendarDay(date)) return date;
  if (!DATE_TIME.test(date) || !isCalendarDay(date.slice(0, 10))) return null;
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
}

/** The period (`YYYY-MM`) a business date falls in; InvalidPeriod when it is not a date. */
export function periodOfDate(date: string): string {
  const day = utcDayOf(date);
  if (day === null) throw new InvalidPeriod(date);
  return day.slice(0, 7);
}

/** First instant after the period (UTC), e.g. `2026-04-01T00:00:00.000Z` for `2026-03`. */
export function periodEnd(period: string): string {
  const [year, month] = assertPeriod(period).split('-').map(Number);
  return new Date(Date.UTC(year, month, 1)).toISOString();
}
