import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { order, personaInput } from "#tests/factories/scoring";
import { type BankTxn, classifyInflows } from "~/domain/bank/revenue";
import { MissingFxRateError } from "~/domain/fx";
import { computeFeatures, type ScoringInput } from "./features";
import { characteristicSentence } from "./reasons";
import { scoreFeatures, scoreMerchant } from "./score";
import { SCORECARD } from "./scorecard";

const AS_OF = "2026-11-20";
const goodOrders = () => [
  order({ buyerCountry: "JP", paymentTerm: "LETTER_OF_CREDIT", amountMinor: 12_000_000n }),
  order({
    buyerName: "Hanbit Camping Co., Ltd.",
    buyerCountry: "KR",
    paymentTerm: "DOC_COLLECTION_DP",
    amountMinor: 152_000_000n,
    currency: "KRW",
    paymentTermDays: 0,
  }),
];

describe("golden: the sandbox personas", () => {
  it("a steady exporter with safe orders scores A, with no principal reason", () => {
    const report = scoreMerchant(
      personaInput("steady_exporter", AS_OF, { orders: goodOrders(), yearFounded: 2014 }),
    );
    expect(report.scoreable).toBe(true);
    expect(report.score).toBeGreaterThanOrEqual(850);
    expect(report.grade).toBe("A");
    expect(report.features.monthsOfHistory).toBeGreaterThanOrEqual(24);
    expect(report.features.seasonality).toHaveLength(12);
    // trs-1 listed its 28.6% top-payer share ("depends heavily on a single payer") and the 7-point
    // payment-terms gap; neither is below its neutral points, so neither counts against it.
    expect(report.features.topPayerShare).toBeCloseTo(0.2858, 4);
    expect(report.reasons).toEqual([]);
  });

  it("a seasonal exporter scores lower for volatility, which is its first reason", () => {
    const report = scoreMerchant(
      personaInput("seasonal_exporter", AS_OF, { orders: goodOrders(), yearFounded: 2009 }),
    );
    expect(report.score).toBeGreaterThanOrEqual(750);
    expect(report.score).toBeLessThan(900);
    expect(report.reasons).toEqual([
      {
        code: "R03",
        text: "Monthly sales revenue varied by 53% of the average month over the last 12 months (standard deviation).",
      },
    ]);
    expect(Math.max(...(report.features.seasonality ?? []))).toBeGreaterThan(1.5);
  });

  it("a declining business with overdrafts scores D or E, NSF/overdraft first", () => {
    const report = scoreMerchant(
      personaInput("declining_business", AS_OF, { orders: goodOrders(), yearFounded: 2019 }),
    );
    expect(report.score).toBeLessThan(500);
    expect(["D", "E"]).toContain(report.grade);
    expect(report.reasons).toEqual([
      { code: "R04", text: "9 NSF or overdraft fees in the last 90 days." },
      { code: "R05", text: "The business account balance was below zero on every one of the last 90 days." },
      { code: "R02", text: "Sales fell 25.2% over the last three months compared with the three before." },
      {
        code: "R06",
        text: "The average balance over the last 90 days was -$282,707, so cash on hand covered no days of the business's spending.",
      },
    ]);
    expect(report.features.nsfEvents90d).toBeGreaterThanOrEqual(4);
    expect(report.features.negativeBalanceDays90d).toBeGreaterThan(10);
    expect(report.features.revenueTrend).toBeLessThan(-0.05);
  });

  it("a 4-month-old business is not scoreable", () => {
    const report = scoreMerchant(
      personaInput("new_business", AS_OF, { orders: goodOrders(), yearFounded: 2026 }),
    );
    expect(report.scoreable).toBe(false);
    expect(report.score).toBeNull();
    expect(report.grade).toBeNull();
    expect(report.reasons[0]).toEqual({ code: "NS1", text: "Less than 6 months of bank or sales history." });
  });

  it("a business paid mostly by one buyer has the concentration reason first", () => {
    const report = scoreMerchant(
      personaInput("concentrated_payer", AS_OF, { orders: goodOrders(), yearFounded: 2017 }),
    );
    expect(report.features.topPayerShare).toBeGreaterThan(0.6);
    expect(report.reasons).toEqual([
      { code: "R08", text: "One payer accounts for 82.8% of sales deposits over the last 12 months." },
    ]);
    expect(report.score).toBeGreaterThanOrEqual(700);
  });

  it("with no open orders, R09 and R10 score 0 with one reason", () => {
    const report = scoreMerchant(personaInput("steady_exporter", AS_OF, { orders: [] }));
    const points = Object.fromEntries(report.characteristics.map((c) => [c.code, c.points]));
    expect([points.R09, points.R10]).toEqual([0, 0]);
    expect(report.reasons[0]).toEqual({ code: "R09", text: "No open export orders on file." });
  });

  it("never gives more than four reasons, each its characteristic's sentence from the values", () => {
    for (const persona of [
      "steady_exporter",
      "seasonal_exporter",
      "declining_business",
      "new_business",
      "concentrated_payer",
    ] as const) {
      const report = scoreMerchant(personaInput(persona, AS_OF));
      expect(report.reasons.length).toBeLessThanOrEqual(4);
      for (const reason of report.reasons) {
        if (reason.code.startsWith("NS")) continue;
        expect(reason.text).toBe(characteristicSentence(reason.code, report.features));
        const scored = report.characteristics.find((c) => c.code === reason.code);
        const neutral = SCORECARD.find((c) => c.code === reason.code)?.neutralPoints ?? 0;
        expect(scored?.points ?? 0).toBeLessThan(neutral);
      }
    }
  });
});

describe("properties", () => {
  const base = personaInput("steady_exporter", AS_OF, { orders: goodOrders() });
  const fee = (day: string, i: number): BankTxn => ({
    id: `nsf-${i}`,
    accountId: "acct-0",
    date: day,
    amountCents: -3500,
    categoryPrimary: "BANK_FEES",
    categoryDetailed: "BANK_FEES_INSUFFICIENT_FUNDS",
    counterparty: null,
    name: "NSF RETURNED ITEM FEE",
    pending: false,
  });
  const dayIn90 = fc
    .integer({ min: 0, max: 85 })
    .map((n) => new Date(Date.parse(`${AS_OF}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10));

  it("more NSF events never raise the score", () => {
    fc.assert(
      fc.property(fc.array(dayIn90, { maxLength: 6 }), dayIn90, (days, extra) => {
        const fewer: ScoringInput = { ...base, transactions: [...base.transactions, ...days.map(fee)] };
        const more: ScoringInput = { ...fewer, transactions: [...fewer.transactions, fee(extra, 99)] };
        expect(scoreMerchant(more).score ?? 0).toBeLessThanOrEqual(scoreMerchant(fewer).score ?? 0);
      }),
      { numRuns: 40 },
    );
  });

  it("more revenue, everything else equal, never lowers the score (scorecard)", () => {
    const features = computeFeatures(base);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        (a, b) => {
          const [low, high] = a < b ? [a, b] : [b, a];
          const scoreAt = (avg: number) =>
            scoreFeatures({ ...features, avgMonthlyRevenueCents: avg }).score ?? 0;
          expect(scoreAt(high)).toBeGreaterThanOrEqual(scoreAt(low));
        },
      ),
    );
  });

  it("more NSF events never raise the score (scorecard)", () => {
    const features = computeFeatures(base);
    fc.assert(
      fc.property(fc.nat(20), fc.nat(20), (a, b) => {
        const [few, many] = a < b ? [a, b] : [b, a];
        expect(scoreFeatures({ ...features, nsfEvents90d: many }).score ?? 0).toBeLessThanOrEqual(
          scoreFeatures({ ...features, nsfEvents90d: few }).score ?? 0,
        );
      }),
    );
  });

  it("scaling every sale up never lowers the score (end to end)", () => {
    const kinds = classifyInflows(base.transactions);
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 400 }), (percent) => {
        let added = 0;
        const transactions = base.transactions.map((t) => {
          if (kinds.get(t.id) !== "revenue") return t;
          const scaled = Math.round((t.amountCents * percent) / 100);
          added += scaled - t.amountCents;
          return { ...t, amountCents: scaled };
        });
        // The extra money is in the account from then on: the current balance rises by all of it.
        const accounts = base.accounts.map((a) =>
          a.id === "acct-0" ? { ...a, currentBalanceCents: (a.currentBalanceCents ?? 0) + added } : a,
        );
        expect(scoreMerchant({ ...base, transactions, accounts }).score ?? 0).toBeGreaterThanOrEqual(
          scoreMerchant(base).score ?? 0,
        );
      }),
      { numRuns: 20 },
    );
  });

  it("gives the same report for the same inputs in any order", () => {
    const reference = scoreMerchant(base);
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const shuffled = [...base.transactions].sort(
          (a, b) =>
            ((a.id.charCodeAt(5) * seed) % 7) - ((b.id.charCodeAt(5) * seed) % 7) || (seed % 2 ? 1 : -1),
        );
        const report = scoreMerchant({
          ...base,
          transactions: shuffled,
          orders: [...base.orders].reverse(),
          accounts: [...base.accounts].reverse(),
          fxRates: [...base.fxRates].reverse(),
        });
        expect(report).toEqual(reference);
      }),
      { numRuns: 20 },
    );
  });

  it("applies currency conversion once", () => {
    const inUsd = scoreMerchant({ ...base, orders: [order({ amountMinor: 10_640_000n, currency: "USD" })] });
    const inKrw = scoreMerchant({ ...base, orders: [order({ amountMinor: 152_000_000n, currency: "KRW" })] });
    expect(inKrw.features.openReceivablesUsdCents).toBe(10_640_000);
    expect(inKrw.features.openReceivablesUsdCents).toBe(inUsd.features.openReceivablesUsdCents);
    expect(inKrw.features.openOrdersToMonthlyRevenue).toBe(inUsd.features.openOrdersToMonthlyRevenue);
  });
});

describe("edge cases", () => {
  const empty: ScoringInput = {
    asOf: AS_OF,
    accounts: [{ id: "a", type: "depository", currentBalanceCents: 100_000, currency: "USD" }],
    transactions: [],
    sales: [],
    orders: [],
    profile: { yearFounded: 2020, monthFounded: 1 },
    fxRates: [],
  };

  it("no transactions: not scoreable, with its reason", () => {
    const report = scoreMerchant(empty);
    expect(report).toMatchObject({
      scoreable: false,
      score: null,
      notScoreableReason: "No bank transactions or marketplace sales on file.",
    });
  });

  it("all transactions pending: not scoreable", () => {
    const pending = personaInput("steady_exporter", AS_OF);
    const report = scoreMerchant({
      ...pending,
      transactions: pending.transactions.map((t) => ({ ...t, pending: true })),
    });
    expect(report.scoreable).toBe(false);
    expect(report.features.revenueSource).toBe("none");
  });

  it("a single huge deposit: revenue counts it but volatility and concentration say so", () => {
    const input = personaInput("steady_exporter", AS_OF);
    const huge: BankTxn = {
      id: "huge",
      accountId: "acct-0",
      date: "2026-10-15",
      amountCents: 500_000_000,
      categoryPrimary: "INCOME",
      categoryDetailed: "INCOME_OTHER_INCOME",
      counterparty: "ONE TIME BUYER",
      name: "WIRE IN ONE TIME BUYER",
      pending: false,
    };
    const report = scoreMerchant({ ...input, transactions: [...input.transactions, huge] });
    expect(report.features.revenueCv).toBeGreaterThan(0.6);
    expect(report.features.topPayerShare).toBeGreaterThan(0.35);
    expect(Number.isFinite(report.score)).toBe(true);
  });

  it("negative balances for the whole period count every day", () => {
    const input = personaInput("declining_business", AS_OF);
    const report = scoreMerchant({
      ...input,
      accounts: input.accounts.map((a) => ({ ...a, currentBalanceCents: -100_000_000 })),
    });
    expect(report.features.negativeBalanceDays90d).toBe(90);
    expect(report.characteristics.find((c) => c.code === "R05")?.points).toBe(0);
  });

  it("an order in a currency without a rate is a clear error, not NaN", () => {
    const input = personaInput("steady_exporter", AS_OF, { orders: [order({ currency: "BRL" })] });
    expect(() => scoreMerchant(input)).toThrow(MissingFxRateError);
    expect(() => scoreMerchant(input)).toThrow("No exchange rate to USD for BRL.");
  });

  it("an unknown buyer country is priced as the worst OECD category", () => {
    const report = scoreMerchant(
      personaInput("steady_exporter", AS_OF, { orders: [order({ buyerCountry: "ZZ" })] }),
    );
    expect(report.features.weightedOecdCategory).toBe(7);
    expect(report.characteristics.find((c) => c.code === "R09")?.points).toBe(0);
  });

  it("marketplace sales stand in for bank revenue when there is no bank data", () => {
    const sales = Array.from({ length: 12 }, (_, i) => ({
      periodStart: new Date(Date.UTC(2025, 10 + i, 1)).toISOString().slice(0, 10),
      netMinor: 4_000_000n,
      currency: "USD",
      channel: "SHOPIFY",
    }));
    const report = scoreMerchant({ ...empty, sales, accounts: [] });
    expect(report.features.revenueSource).toBe("marketplace");
    expect(report.features.avgMonthlyRevenueCents).toBe(4_000_000);
    expect(report.scoreable).toBe(true);
  });
});
