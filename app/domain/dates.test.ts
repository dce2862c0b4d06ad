import { describe, expect, it } from "vitest";
import { formatDay, formatDayTime, formatMonth } from "./dates";

describe("dates as shown", () => {
  it("are in UTC whatever the time zone of the machine", () => {
    // 23:30 UTC is already the next day east of UTC and still the same day west of it.
    const lateEvening = "2026-11-20T23:30:00.000Z";
    expect(formatDay(lateEvening)).toBe("Nov 20, 2026");
    expect(formatDayTime(lateEvening)).toBe("Nov 20, 2026, 11:30 PM UTC");
    expect(formatDay(new Date("2026-01-01T00:00:00.000Z"))).toBe("Jan 1, 2026");
  });

  it("name a month by its short name and two-digit year", () => {
    expect(formatMonth("2026-11")).toBe("Nov 26");
    expect(formatMonth("2025-01")).toBe("Jan 25");
  });
});
