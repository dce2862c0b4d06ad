import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aprOfSchedule, computeDisclosure, divideRounded } from "./disclosure";

describe("exact cents", () => {
  it("rounds a quotient half away from zero, in integers", () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(7n, 4n)).toBe(2n);
    expect(divideRounded(4_999n, 10_000n)).toBe(0n);
    expect(divideRounded(5_000n, 10_000n)).toBe(1n);
    // A 20-billion-cent amount times a rate stays exact (beyond 2^53 as a product).
    expect(divideRounded(2_000_000_000_00n * 9_999n, 10_000n)).toBe(199_980_000_000n);
  });
});

describe("disclosures: worked examples", () => {
  it("$40,000 repaid as $52,000 over 12 equal monthly payments is about 51.4% APR", () => {
    const payments = [...Array(11).fill(433_333), 433_337];
    expect(payments.reduce((a, b) => a + b, 0)).toBe(5_200_000);
    const apr = aprOfSchedule(4_000_000, payments, 12);
    expect(apr).toBeGreaterThanOrEqual(5140);
    expect(apr).toBeLessThanOrEqual(5148);
  });

  it("a 30-day factoring fee of 2% on an 80% advance is 30.42% APR", () => {
    const d = computeDisclosure({
      kind: "fee",
      productType: "INVOICE_FACTORING",
      faceCents: 10_000_000,
      advanceRateBps: 8000,
      feeBps: 200,
      feePeriodDays: 30,
      termDays: 30,
    });
    expect(d).toMatchObject({
      fundsProvidedCents: 8_000_000,
      financeChargeCents: 200_000,
      totalRepaymentCents: 8_200_000,
      estimatedAprBps: 3042,
      paymentFrequency: "SINGLE",
      paymentCount: 1,
    });
  });

  it("charges PO-financing fees per started period on the advance", () => {
    const d = computeDisclosure({
      kind: "fee",
      productType: "PO_FINANCING",
      faceCents: 10_000_000,
      advanceRateBps: 8500,
      feeBps: 300,
      feePeriodDays: 30,
      termDays: 75,
    });
    expect(d.fundsProvidedCents).toBe(8_500_000);
    expect(d.financeChargeCents).toBe(765_000); // 3 periods × 3% × $85,000
    expect(d.estimatedAprBps).toBe(Math.round((765_000 / 8_500_000) * (365 / 75) * 10_000));
  });

  it("amortises a term loan to the cent, with the APR equal to the note rate when there are no fees", () => {
    const d = computeDisclosure({
      kind: "amortising",
      productType: "TERM_LOAN",
      principalCents: 10_000_000,
      interestRateBps: 1200,
      paymentFrequency: "MONTHLY",
      paymentCount: 12,
    });
    expect(d.paymentAmountCents).toBe(888_488); // the textbook payment: $8,884.88
    expect(d.schedule).toHaveLength(12);
    expect(d.totalRepaymentCents).toBe(d.schedule.reduce((a, p) => a + p.amountCents, 0));
    expect(d.financeChargeCents).toBe(d.totalRepaymentCents - 10_000_000);
    expect(Math.abs(d.estimatedAprBps - 1200)).toBeLessThanOrEqual(1);
  });

  it("an origination fee raises the APR above the note rate", () => {
    const d = computeDisclosure({
      kind: "amortising",
      productType: "EXPORT_WORKING_CAPITAL",
      principalCents: 10_000_000,
      interestRateBps: 1000,
      paymentFrequency: "MONTHLY",
      paymentCount: 12,
      originationFeeCents: 200_000,
    });
    expect(d.fundsProvidedCents).toBe(9_800_000);
    expect(d.estimatedAprBps).toBeGreaterThan(1300);
  });
});

describe("disclosures: properties", () => {
  it("total repayment is funds plus finance charge, and the schedule adds up, for any loan", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100_000, max: 500_000_000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.constantFrom("WEEKLY" as const, "BIWEEKLY" as const, "MONTHLY" as const),
        fc.integer({ min: 1, max: 120 }),
        (principal, rate, frequency, count) => {
          const d = computeDisclosure({
            kind: "amortising",
            productType: "TERM_LOAN",
            principalCents: principal,
            interestRateBps: rate,
            paymentFrequency: frequency,
            paymentCount: count,
          });
          expect(d.totalRepaymentCents).toBe(d.fundsProvidedCents + d.financeChargeCents);
          expect(d.schedule.reduce((a, p) => a + p.amountCents, 0)).toBe(d.totalRepaymentCents);
          expect(d.financeChargeCents).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(d.estimatedAprBps)).toBe(true);
        },
      ),
    );
  });
  it("a higher fee never lowers the APR", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 180 }),
        (f1, f2, days) => {
          const apr = (fee: number) =>
            computeDisclosure({
              kind: "fee",
              productType: "INVOICE_FACTORING",
              faceCents: 5_000_000,
              advanceRateBps: 8500,
              feeBps: fee,
              feePeriodDays: 30,
              termDays: days,
            }).estimatedAprBps;
          const [low, high] = f1 < f2 ? [f1, f2] : [f2, f1];
          expect(apr(high)).toBeGreaterThanOrEqual(apr(low));
        },
      ),
    );
  });
});
