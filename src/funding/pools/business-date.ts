// Business dates of money movements (receivedAt, paidAt, decidedAt): `YYYY-MM-DD`, or an ISO 8601
// date-time with a zone. What counts for periods and reports is the UTC calendar day, so a
// date-time is recorded in canonical UTC form and a plain date as given.
import { BusinessDateInFuture, InvalidBusinessDate } from './funding.errors';

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written `YYYY-MM-DD` (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = PLAIN_DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The UTC calendar day (`YYYY-MM-DD`) of a recorded business date, plain or date-time. */
export function businessDay(recorded: string): string {
  return PLAIN_DATE.test(recorded) ? recorded : new Date(recorded).toISOString().slice(0, 10);
}

/**
 * For read models, which never refuse a recorded fact: the business day of `recorded`, or the
 * UTC day of `fallbackIso` (its recording time) should the text not be a date.
 */
export function businessDayOr(recorded: string, fallbackIso: string): string {
  const valid = isCalendarDate(recorded) || (DATE_TIME.test(recorded) && !Number.isNaN(Date.parse(recorded)));
  return valid ? businessDay(recorded) : new Date(fallbackIso).toISOString().slice(0, 10);
}

/** The day after `day` (`YYYY-MM-DD`). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * Checks a business date from a request and returns the form to record. Why one day of slack
 * after `now`: a movement entered early in the morning east of UTC carries tomorrow's UTC date.
 */
export function parseBusinessDate(field: string, text: string, now: string): string {
  let recorded: string;
  if (isCalendarDate(text)) {
    recorded = text;
  } else if (DATE_TIME.test(text) && !Number.isNaN(Date.parse(text)) && isCalendarDate(text.slice(0, 10))) {
    recorded = new Date(text).toISOString();
  } else {
    throw new InvalidBusinessDate(field);
  }
  const latestDay = nextDay(now.slice(0, 10));
  if (businessDay(recorded) > latestDay) throw new BusinessDateInFuture(field, recorded);
  return recorded;
}
