import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { order, personaInput } from "#tests/factories/scoring";
import { computeFeatures, type Features } from "./features";
import { characteristicSentence, improvementHints, percent } from "./reasons";
import { scoreFeatures } from "./score";
import { SCORECARD } from "./scorecard";

const AS_OF = "2026-11-20";
// A grade-A exporter with safe open orders: nothing below its neutral points.
const base = computeFeatures(
  personaInput("steady_exporter", AS_OF, {
    orders: [order({ buyerCountry: "JP", paymentTerm: "LETTER_OF_CREDIT", amountMinor: 12_000_000n })],
    yearFounded: 2014,
  }),
);
const reasonsFor = (changes: Partial<Features>) => scoreFeatures({ ...base, ...changes }).reasons;
const codes = (changes: Partial<Features>) => reasonsFor(changes).map((r) => r.code);

describe("reasons state the value and its direction", () => {
  it("a fall in sales is a reason saying how much it fell", () => {
    expect(reasonsFor({ revenueTrend: -0.12 })).toContainEqual({
      code: "R02",
      text: "Sales fell 12% over the last three months compared with the three before.",
    });
  });

  it("7% growth is no reason, and the merchant's hint says it grew", () => {
    expect(codes({ revenueTrend: 0.07 })).not.toContain("R02");
    const report = scoreFeatures({ ...base, revenueTrend: 0.07 });
    expect(improvementHints({ ...base, revenueTrend: 0.07 }, report.characteristics)).toContainEqual(
      expect.objectContaining({
        code: "R02",
        fact: "Sales grew 7% over the last three months compared with the three before.",
      }),
    );
  });

  it("counts NSF fees, in the singular for one", () => {
    expect(reasonsFor({ nsfEvents90d: 3 })).toContainEqual({
      code: "R04",
      text: "3 NSF or overdraft fees in the last 90 days.",
    });
    expect(reasonsFor({ nsfEvents90d: 1 })).toContainEqual({
      code: "R04",
      text: "1 NSF or overdraft fee in the last 90 days.",
    });
  });

  it("formats money and days for people", () => {
    expect(
      characteristicSentence("R01", { ...base, avgMonthlyRevenueCents: 820_049, revenueMonths: 12 }),
    ).toBe("Average monthly sales revenue over the last 12 months was $8,200.");
    expect(
      characteristicSentence("R06", {
        ...base,
        daysOfCash: 8.4,
        averageDailyBalanceCents: 420_000,
        averageDailyOutflowCents: 50_000,
      }),
    ).toBe(
      "Cash on hand covered 8.4 days of the business's spending (average balance $4,200, average daily spending $500).",
    );
    expect(percent(0.64)).toBe("64%");
    expect(percent(-0.1234)).toBe("12.3%");
  });
});

describe("only what counts against the applicant, from its neutral points", () => {
  it("a 28% top-payer share is no reason; 64% is, with its share", () => {
    expect(codes({ topPayerShare: 0.28 })).not.toContain("R08");
    expect(codes({ topPayerShare: 0.3499 })).not.toContain("R08");
    expect(reasonsFor({ topPayerShare: 0.64 })).toContainEqual({
      code: "R08",
      text: "One payer accounts for 64% of sales deposits over the last 12 months.",
    });
    // 35% is the first value of the 10-point bin, below R08's neutral 18.
    expect(codes({ topPayerShare: 0.35 })).toContain("R08");
  });

  it("a characteristic short of its maximum but at its neutral points is no reason", () => {
    // $10k–25k a month scores 15 of 40: R01's neutral points.
    const report = scoreFeatures({ ...base, avgMonthlyRevenueCents: 1_500_000 });
    expect(report.characteristics.find((c) => c.code === "R01")?.points).toBe(15);
    expect(report.reasons.map((r) => r.code)).not.toContain("R01");
    expect(codes({ avgMonthlyRevenueCents: 900_000 })).toContain("R01");
  });

  it("a grade-A merchant has no principal reason, only what would raise the score", () => {
    const report = scoreFeatures(base);
    expect(report.grade).toBe("A");
    expect(report.reasons).toEqual([]);
    const hints = improvementHints(base, report.characteristics);
    expect(hints.length).toBeGreaterThan(0);
    for (const hint of hints) expect(hint.pointsAvailable).toBeGreaterThan(0);
  });
});

describe("missing information is its own reason", () => {
  it("a missing year founded says so, not that the business is young", () => {
    expect(reasonsFor({ yearsInBusiness: null })).toContainEqual({
      code: "R12",
      text: "Year founded was not provided.",
    });
    expect(reasonsFor({ yearsInBusiness: 0 })).toContainEqual({
      code: "R12",
      text: "The business was founded in the current year.",
    });
  });

  it("no open export orders only when there are none, as one reason for R09 and R10", () => {
    const none = reasonsFor({
      openReceivablesUsdCents: 0,
      weightedOecdCategory: null,
      paymentTermPoints: null,
      paymentTermShares: {},
    });
    expect(none).toContainEqual({ code: "R09", text: "No open export orders on file." });
    expect(none.map((r) => r.code)).not.toContain("R10");
    expect(reasonsFor({}).map((r) => r.text)).not.toContain("No open export orders on file.");
  });

  it("orders on risky terms and in risky countries say which, by value", () => {
    const reasons = reasonsFor({
      weightedOecdCategory: 5.2,
      paymentTermPoints: 0,
      paymentTermShares: { OPEN_ACCOUNT: 0.72, CONSIGNMENT: 0.28 },
    });
    expect(reasons).toContainEqual({
      code: "R09",
      text: "Buyers of open export orders are in countries of OECD risk category 5.2 on average, weighted by amount (0 is the lowest risk, 7 the highest).",
    });
    expect(reasons).toContainEqual({
      code: "R10",
      text: "Payment terms of open export orders, by value: 72% open account, 28% consignment.",
    });
  });

  it("balances the bank did not report cannot be measured", () => {
    expect(reasonsFor({ daysOfCash: null })).toContainEqual({
      code: "R06",
      text: "The connected bank did not report account balances, so days of cash could not be measured.",
    });
  });
});

describe("ordering and the cap", () => {
  it("largest shortfall below neutral first, at most four", () => {
    const reasons = reasonsFor({
      nsfEvents90d: 5, // 0 of neutral 30: short 30
      negativeBalanceDays90d: 2, // 20 of neutral 25: short 5
      revenueTrend: -0.3, // 0 of neutral 20: short 20
      topPayerShare: 0.7, // 0 of neutral 18: short 18
      yearsInBusiness: null, // 0 of neutral 10: short 10
      debtServiceRatio: 0.15, // 10 of neutral 20: short 10
    });
    expect(reasons.map((r) => r.code)).toEqual(["R04", "R02", "R08", "R07"]);
  });

  it("ties go to the larger shortfall from the maximum, then the code", () => {
    // R07 (10 of 20, max 25) and R12 missing (0 of 10, max 15) are both 10 short of neutral.
    expect(codes({ debtServiceRatio: 0.15, yearsInBusiness: null })).toEqual(["R07", "R12"]);
  });

  it("the not-scoreable reason comes first, without the history sentences it already covers", () => {
    const reasons = reasonsFor({
      monthsOfHistory: 4,
      revenueMonths: 4,
      revenueTrend: null,
      revenueCv: null,
      nsfEvents90d: 2,
      yearsInBusiness: null,
    });
    expect(reasons).toEqual([
      { code: "NS1", text: "Less than 6 months of bank or sales history." },
      { code: "R04", text: "2 NSF or overdraft fees in the last 90 days." },
      { code: "R12", text: "Year founded was not provided." },
    ]);
  });
});

describe("properties", () => {
  const maybe = (arb: fc.Arbitrary<number>) => fc.option(arb, { nil: null });
  const features = fc.record({
    avgMonthlyRevenueCents: fc.integer({ min: 0, max: 20_000_000 }),
    revenueTrend: maybe(fc.double({ min: -1, max: 2, noNaN: true })),
    revenueCv: maybe(fc.double({ min: 0, max: 2, noNaN: true })),
    nsfEvents90d: fc.nat(10),
    negativeBalanceDays90d: fc.nat(90),
    daysOfCash: maybe(fc.double({ min: 0, max: 365, noNaN: true })),
    debtServiceRatio: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
    topPayerShare: maybe(fc.double({ min: 0.01, max: 1, noNaN: true })),
    monthsOfHistory: fc.integer({ min: 0, max: 30 }),
    yearsInBusiness: maybe(fc.nat(40)),
  });
  const neutral = new Map(SCORECARD.map((c) => [c.code, c.neutralPoints]));

  it("at most four reasons, each below its neutral points, the largest shortfall first", () => {
    fc.assert(
      fc.property(features, (changes) => {
        const report = scoreFeatures({ ...base, ...changes });
        expect(report.reasons.length).toBeLessThanOrEqual(4);
        const points = new Map(report.characteristics.map((c) => [c.code, c.points]));
        const shortfalls = report.reasons
          .filter((r) => !r.code.startsWith("NS"))
          .map((r) => (neutral.get(r.code) ?? 0) - (points.get(r.code) ?? 0));
        for (const shortfall of shortfalls) expect(shortfall).toBeGreaterThan(0);
        expect(shortfalls).toEqual([...shortfalls].sort((a, b) => b - a));
        expect(report.reasons.findIndex((r) => r.code.startsWith("NS"))).toBeLessThanOrEqual(0);
        expect(new Set(report.reasons.map((r) => r.code)).size).toBe(report.reasons.length);
      }),
      { numRuns: 200 },
    );
  });

  it("a reason about sales names the direction the value has", () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 2, noNaN: true }), (trend) => {
        const sentence = characteristicSentence("R02", { ...base, revenueTrend: trend });
        if (trend <= -0.0005) expect(sentence).toMatch(/^Sales fell \d/);
        else if (trend >= 0.0005) expect(sentence).toMatch(/^Sales grew \d/);
        else expect(sentence).toMatch(/^Sales were unchanged/);
      }),
    );
  });
});
