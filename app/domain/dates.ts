// Dates as TradeLift shows them, in en-US. Calendar dates (an order's date, a funding date, a due
// date: stored as midnight UTC) are always shown as that calendar day, in UTC. Instants (when an
// offer expires, when something was answered) are shown in the reader's time zone with its
// abbreviation, UTC when none is known; the server and the browser render the same text because
// both are given the same zone. Formatters are built once per zone: `toLocaleDateString(…,
// options)` builds a new Intl formatter on every call, which cost the sales page 2 ms for its month
// labels alone.

const DAY = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const MONTH = new Intl.DateTimeFormat("en-US", { month: "short", year: "2-digit", timeZone: "UTC" });
const DAY_TIME = new Map<string, Intl.DateTimeFormat>();

type DateValue = Date | string | number;

/** "Nov 20, 2026": a calendar date. */
export function formatDay(value: DateValue): string {
  return DAY.format(new Date(value));
}

function dayTimeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = DAY_TIME.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZone,
      timeZoneName: "short",
    });
    DAY_TIME.set(timeZone, format);
  }
  return format;
}

/** "Nov 20, 2026, 3:04 PM UTC", or "Nov 20, 2026, 9:04 AM CST" in America/Chicago: an instant. */
export function formatDayTime(value: DateValue, timeZone = "UTC"): string {
  return dayTimeFormat(timeZone).format(new Date(value));
}

/** "Nov 26" for the month "2026-11" (YYYY-MM). */
export function formatMonth(month: string): string {
  return MONTH.format(new Date(`${month}-01T00:00:00Z`));
}

const RELATIVE = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY_MS = 24 * HOUR;

/**
 * "in 6 days", "in 3 hours", "in 12 minutes", "2 days ago": how far an instant is from now, in the
 * largest whole unit, rounded down for the future (an offer open "in 6 days" is open at least 6
 * more days) and up for the past.
 */
export function formatRelative(value: DateValue, now: DateValue): string {
  const difference = new Date(value).getTime() - new Date(now).getTime();
  const size = Math.abs(difference);
  const sign = difference < 0 ? -1 : 1;
  const whole = (unit: number) => (sign > 0 ? Math.floor(size / unit) : Math.ceil(size / unit));
  if (size >= 2 * DAY_MS) return RELATIVE.format(sign * whole(DAY_MS), "day");
  if (size >= HOUR) return RELATIVE.format(sign * whole(HOUR), "hour");
  if (size >= MINUTE) return RELATIVE.format(sign * whole(MINUTE), "minute");
  return sign > 0 ? "in less than a minute" : "just now";
}
