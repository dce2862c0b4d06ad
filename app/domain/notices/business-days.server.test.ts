import { describe, expect, it } from "vitest";
import { addBusinessDays, isBusinessDay } from "./business-days.server";
import { deadlineDay, dueInWords } from "./notice";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("business days", () => {
  it("skips weekends, and the deadline's day ends anywhere on Earth (UTC−12)", () => {
    // Friday 2026-11-20 + 1 business day = Monday 2026-11-23, which ends at 12:00 UTC the next day:
    // 11:59 PM on the 23rd in UTC−12, 1:59 AM in Honolulu and 3:59 AM in Los Angeles on the 24th.
    const deadline = addBusinessDays(new Date("2026-11-20T15:00:00Z"), 1);
    expect(deadline.toISOString()).toBe("2026-11-24T11:59:59.999Z");
    expect(deadlineDay(deadline).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    // "Due November 23" is true in every US time zone: late on the 23rd in Honolulu it has not passed.
    expect(dueInWords(deadline, new Date("2026-11-24T09:00:00Z"))).toBe("due today");
    expect(dueInWords(deadline, new Date("2026-11-21T12:00:00Z"))).toBe("due in 2 days (November 23, 2026)");
    expect(dueInWords(deadline, new Date("2026-11-24T12:00:00Z"))).toBe("was due November 23, 2026");
  });

  it("skips the federal holidays: Thanksgiving, Christmas, New Year's Day", () => {
    // From Friday 2026-11-20, ten business days: Thanksgiving (Thursday the 26th) is not one.
    expect(addBusinessDays(new Date("2026-11-20T15:00:00Z"), 10).toISOString()).toBe(
      "2026-12-08T11:59:59.999Z",
    );
    // Asked on Wednesday 2026-12-23: Christmas (Friday) and New Year's Day (Friday) are skipped.
    expect(addBusinessDays(new Date("2026-12-23T18:00:00Z"), 5).toISOString()).toBe(
      "2027-01-01T11:59:59.999Z",
    );
    expect(addBusinessDays(new Date("2026-12-23T18:00:00Z"), 6).toISOString()).toBe(
      "2027-01-05T11:59:59.999Z",
    );
  });

  it("takes a holiday on a weekend on the weekday it is observed", () => {
    // Independence Day 2026 is a Saturday: observed on Friday 3 July.
    expect(isBusinessDay(day("2026-07-03"))).toBe(false);
    // Juneteenth 2027 is a Saturday (observed Friday 18 June); Christmas 2027 too (Friday 24 December).
    expect(isBusinessDay(day("2027-06-18"))).toBe(false);
    expect(isBusinessDay(day("2027-12-24"))).toBe(false);
    // Ordinary weekdays around them are business days.
    expect(isBusinessDay(day("2026-07-02"))).toBe(true);
    expect(isBusinessDay(day("2026-07-06"))).toBe(true);
    expect(isBusinessDay(day("2026-12-31"))).toBe(true);
  });
});
