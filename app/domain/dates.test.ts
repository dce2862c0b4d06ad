import { describe, expect, it } from "vitest";
import { formatDay, formatDayTime, formatMonth, formatRelative } from "./dates";

describe("dates as shown", () => {
  it("show calendar days in UTC whatever the time zone of the machine", () => {
    // 23:30 UTC is already the next day east of UTC and still the same day west of it.
    const lateEvening = "2026-11-20T23:30:00.000Z";
    expect(formatDay(lateEvening)).toBe("Nov 20, 2026");
    expect(formatDayTime(lateEvening)).toBe("Nov 20, 2026, 11:30 PM UTC");
    expect(formatDay(new Date("2026-01-01T00:00:00.000Z"))).toBe("Jan 1, 2026");
  });

  it("show instants in the reader's zone with its abbreviation, daylight saving included", () => {
    const lateEvening = "2026-11-20T23:30:00.000Z";
    expect(formatDayTime(lateEvening, "America/Chicago")).toBe("Nov 20, 2026, 5:30 PM CST");
    expect(formatDayTime(lateEvening, "Asia/Tokyo")).toBe("Nov 21, 2026, 8:30 AM GMT+9");
    expect(formatDayTime("2026-07-01T16:00:00.000Z", "America/Los_Angeles")).toBe("Jul 1, 2026, 9:00 AM PDT");
  });

  it("name a month by its short name and two-digit year", () => {
    expect(formatMonth("2026-11")).toBe("Nov 26");
    expect(formatMonth("2025-01")).toBe("Jan 25");
  });

  it("say how far an instant is, never promising more time than is left", () => {
    const now = "2026-12-01T12:00:00.000Z";
    expect(formatRelative("2026-12-07T23:59:00.000Z", now)).toBe("in 6 days");
    expect(formatRelative("2026-12-03T11:59:00.000Z", now)).toBe("in 47 hours");
    expect(formatRelative("2026-12-01T15:30:00.000Z", now)).toBe("in 3 hours");
    expect(formatRelative("2026-12-01T12:12:30.000Z", now)).toBe("in 12 minutes");
    expect(formatRelative("2026-12-01T12:00:20.000Z", now)).toBe("in less than a minute");
    expect(formatRelative("2026-11-29T10:00:00.000Z", now)).toBe("3 days ago");
    expect(formatRelative("2026-12-01T11:59:50.000Z", now)).toBe("just now");
  });
});
