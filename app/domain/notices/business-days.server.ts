// Business days for deadlines (an information request's, the last day after a notice of
// incompleteness): Monday to Friday, except the US federal holidays as they are observed (a
// holiday on a Saturday is taken the Friday before, one on a Sunday the Monday after). The
// holiday calendar is 18F's us-federal-holidays; this module is the server's only (the browser
// is given deadlines, never computes them).
import { isAHoliday } from "@18f/us-federal-holidays";
import { endOfDeadlineDay } from "./notice";

/** Whether a calendar day (midnight UTC) is a business day. */
export function isBusinessDay(day: Date): boolean {
  const weekday = day.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isAHoliday(day, { utc: true });
}

/**
 * The deadline `days` business days after the day of `from` (in UTC): the end of that day
 * anywhere on Earth (`endOfDeadlineDay`).
 */
export function addBusinessDays(from: Date, days: number): Date {
  const date = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isBusinessDay(date)) left -= 1;
  }
  return endOfDeadlineDay(date);
}
