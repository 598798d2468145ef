// Strict ISO 8601 date-times from requests: an explicit zone is required (no local-time guessing)
// and impossible calendar dates are refused (JavaScript's parser turns 2026-02-30 into March 2).

/** Date and time with an explicit zone, e.g. `2026-03-10T09:30:00Z` or `…+01:00`. */
export const ZONED_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant in canonical UTC form (`toISOString`), or null when the text is not a real date-time. */
export function canonicalDateTime(text: string): string | null {
  const match = ZONED_DATE_TIME.exec(text);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const calendar = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const sameFields =
    calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day &&
    calendar.getUTCHours() === hour && calendar.getUTCMinutes() === minute && calendar.getUTCSeconds() === second;
  const instant = new Date(text);
  return sameFields && !Number.isNaN(instant.getTime()) ? instant.toISOString() : null;
}
