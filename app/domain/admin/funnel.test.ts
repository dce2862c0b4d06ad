import { describe, expect, it } from "vitest";
import { conversion, type FunnelReferral, formatHours, funnel, median } from "./funnel";

const at = (iso: string) => new Date(iso);
const referral = (over: Partial<FunnelReferral>): FunnelReferral => ({
  lenderOrgId: "a",
  lenderName: "Alpha Capital",
  referredAt: at("2026-10-05T10:00:00Z"),
  firstOfferAt: null,
  accepted: false,
  funded: false,
  ...over,
});

describe("funnel", () => {
  const rows = [
    referral({ firstOfferAt: at("2026-10-05T14:00:00Z"), accepted: true, funded: true }),
    referral({ firstOfferAt: at("2026-10-06T10:00:00Z"), accepted: true }),
    referral({}),
    referral({ lenderOrgId: "b", lenderName: "Beta Bank", referredAt: at("2026-11-02T00:00:00Z") }),
    referral({
      lenderOrgId: "b",
      lenderName: "Beta Bank",
      referredAt: at("2026-11-02T00:00:00Z"),
      firstOfferAt: at("2026-11-04T06:00:00Z"),
    }),
  ];

  it("counts each step for the platform, with the median time to a first offer", () => {
    expect(funnel(rows).total).toEqual({
      referred: 5,
      offered: 3,
      accepted: 2,
      funded: 1,
      medianHoursToFirstOffer: 24,
    });
  });

  it("splits by partner (most referrals first) and by month of referral (oldest first)", () => {
    const result = funnel(rows);
    expect(
      result.byPartner.map((p) => [p.lenderName, p.referred, p.offered, p.medianHoursToFirstOffer]),
    ).toEqual([
      ["Alpha Capital", 3, 2, 14],
      ["Beta Bank", 2, 1, 54],
    ]);
    expect(result.byMonth.map((m) => [m.month, m.referred, m.funded])).toEqual([
      ["2026-10", 3, 1],
      ["2026-11", 2, 0],
    ]);
  });

  it("is empty, not broken, with no referrals", () => {
    expect(funnel([])).toEqual({
      total: { referred: 0, offered: 0, accepted: 0, funded: 0, medianHoursToFirstOffer: null },
      byPartner: [],
      byMonth: [],
    });
  });
});

describe("figures for people", () => {
  it("says conversion in whole percent, and — when there is nothing to convert", () => {
    expect(conversion(18, 42)).toBe("43%");
    expect(conversion(0, 0)).toBe("—");
  });

  it("says durations in minutes, hours or days", () => {
    expect([null, 0.2, 5, 47.6, 54, 72].map(formatHours)).toEqual([
      "—",
      "12 min",
      "5 h",
      "48 h",
      "2 d 6 h",
      "3 d",
    ]);
  });

  it("takes the middle of an odd list and the mean of the middle two of an even one", () => {
    expect(median([1, 2, 9])).toBe(2);
    expect(median([1, 2, 4, 9])).toBe(3);
  });
});
