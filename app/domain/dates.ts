// Dates as TradeLift shows them: en-US, in UTC, so the page the server renders and the page the
// browser hydrates say the same thing wherever either runs. Each formatter is built once:
// `toLocaleDateString(…, options)` builds a new Intl formatter on every call, which cost the sales
// page 2 ms for its month labels alone.

const DAY = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const DAY_TIME = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const MONTH = new Intl.DateTimeFormat("en-US", { month: "short", year: "2-digit", timeZone: "UTC" });

type DateValue = Date | string | number;

/** "Nov 20, 2026". */
export function formatDay(value: DateValue): string {
  return DAY.format(new Date(value));
}

/** "Nov 20, 2026, 3:04 PM UTC". */
export function formatDayTime(value: DateValue): string {
  return `${DAY_TIME.format(new Date(value))} UTC`;
}

/** "Nov 26" for the month "2026-11" (YYYY-MM). */
export function formatMonth(month: string): string {
  return MONTH.format(new Date(`${month}-01T00:00:00Z`));
}
