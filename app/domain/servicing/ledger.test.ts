import { describe, expect, it } from "vitest";
import { formatMoney } from "~/domain/money";
import { computeDisclosure } from "~/domain/offers/disclosure";
import {
  addDays,
  buildLedger,
  type DealTerms,
  daysBetween,
  expectedRebate,
  feePeriodsUsed,
  instalmentsFrom,
  paymentProblem,
  payoffTotal,
} from "./ledger";

const FUNDED = "2026-12-01";

// $80,000 invoice, 85% advance ($68,000), 1.5% of the face value per 30 days, 60 days: two periods.
const factoring: DealTerms = {
  productType: "INVOICE_FACTORING",
  fundedOn: FUNDED,
  amountCents: 8_000_000,
  advanceRateBps: 8500,
  feeBps: 150,
  feePeriodDays: 30,
  termDays: 60,
  interestRateBps: null,
  paymentFrequency: "SINGLE",
  totalRepaymentCents: 7_040_000,
};
const factoringSchedule = instalmentsFrom([{ number: 1, dueInDays: 60, amountCents: 7_040_000 }], FUNDED);

// $12,000 at 12% a year, twelve monthly payments: 1% a month.
const loanDisclosure = computeDisclosure({
  kind: "amortising",
  productType: "TERM_LOAN",
  principalCents: 1_200_000,
  interestRateBps: 1200,
  paymentFrequency: "MONTHLY",
  paymentCount: 12,
});
const loan: DealTerms = {
  productType: "TERM_LOAN",
  fundedOn: FUNDED,
  amountCents: 1_200_000,
  advanceRateBps: 10_000,
  feeBps: null,
  feePeriodDays: null,
  termDays: loanDisclosure.termDays,
  interestRateBps: 1200,
  paymentFrequency: "MONTHLY",
  totalRepaymentCents: loanDisclosure.totalRepaymentCents,
};
const loanSchedule = instalmentsFrom(loanDisclosure.schedule, FUNDED);
const level = loanDisclosure.paymentAmountCents;

describe("instalments", () => {
  it("date each scheduled payment from the funding day", () => {
    expect(loanSchedule).toHaveLength(12);
    expect(loanSchedule[0]).toEqual({ number: 1, dueOn: "2026-12-31", amountCents: level });
    expect(loanSchedule[11]?.dueOn).toBe(addDays(FUNDED, 365));
    expect(loanSchedule.reduce((s, i) => s + i.amountCents, 0)).toBe(loanDisclosure.totalRepaymentCents);
  });

  it("fall on the buyer's due date for a fee product when it is known, else the schedule's", () => {
    const schedule = [{ number: 1, dueInDays: 60, amountCents: 7_040_000 }];
    expect(instalmentsFrom(schedule, FUNDED, "2027-02-15")).toEqual([
      { number: 1, dueOn: "2027-02-15", amountCents: 7_040_000 },
    ]);
    expect(instalmentsFrom(schedule, FUNDED, null)[0]?.dueOn).toBe("2027-01-30");
    expect(instalmentsFrom(schedule, FUNDED, "2026-11-01")[0]?.dueOn).toBe("2027-01-30");
  });
});

describe("partial payments", () => {
  it("are applied oldest instalment first, and the next due is what is left of it", () => {
    const ledger = buildLedger(
      loan,
      loanSchedule,
      [{ amountCents: 50_000, paidOn: "2026-12-20" }],
      "2026-12-21",
    );
    expect(ledger.instalments[0]).toMatchObject({ paidCents: 50_000, state: "PARTLY_PAID" });
    expect(ledger.next).toEqual({ number: 1, dueOn: "2026-12-31", amountCents: level - 50_000 });
    expect(ledger.outstandingCents).toBe(loanDisclosure.totalRepaymentCents - 50_000);
    expect(ledger.daysPastDue).toBe(0);
    expect(ledger.paidOff).toBe(false);
  });

  it("spill over into the next instalment", () => {
    const ledger = buildLedger(
      loan,
      loanSchedule,
      [{ amountCents: level + 1_000, paidOn: "2026-12-31" }],
      "2027-01-05",
    );
    expect(ledger.instalments[0]?.state).toBe("PAID");
    expect(ledger.instalments[1]).toMatchObject({ paidCents: 1_000, state: "PARTLY_PAID" });
  });
});

describe("days past due", () => {
  it("count from the oldest unpaid instalment's due date", () => {
    const ledger = buildLedger(
      loan,
      loanSchedule,
      [{ amountCents: 10_000, paidOn: "2026-12-31" }],
      "2027-01-10",
    );
    expect(ledger.daysPastDue).toBe(10);
    expect(ledger.instalments[0]).toMatchObject({ state: "PAST_DUE", daysPastDue: 10 });
    expect(ledger.instalments[1]?.state).toBe("DUE");
  });

  it("are none on the due date itself, and none once caught up", () => {
    expect(buildLedger(loan, loanSchedule, [], "2026-12-31").daysPastDue).toBe(0);
    expect(buildLedger(loan, loanSchedule, [], "2027-01-01").daysPastDue).toBe(1);
    const caughtUp = buildLedger(
      loan,
      loanSchedule,
      [{ amountCents: level, paidOn: "2027-01-05" }],
      "2027-01-10",
    );
    expect(caughtUp.daysPastDue).toBe(0);
  });

  it("of a fee product run from the buyer's due date", () => {
    expect(buildLedger(factoring, factoringSchedule, [], "2027-02-09").daysPastDue).toBe(10);
  });
});

describe("early payoff", () => {
  it("of a loan: the principal and the interest accrued so far, no interest not yet due", () => {
    expect(payoffTotal(loan, loanSchedule, FUNDED)).toBe(1_200_000);
    // 15 days at 12% a year on $12,000: $59.178… → $59.18.
    expect(payoffTotal(loan, loanSchedule, "2026-12-16")).toBe(1_205_918);
    // On the first due date: the first payment and the balance after it, i.e. principal + 1%.
    expect(payoffTotal(loan, loanSchedule, "2026-12-31")).toBe(1_212_000);
    expect(payoffTotal(loan, loanSchedule, "2028-01-01")).toBe(loanDisclosure.totalRepaymentCents);
  });

  it("pays the deal off, and the instalments it made unnecessary are settled early", () => {
    const ledger = buildLedger(
      loan,
      loanSchedule,
      [
        { amountCents: level, paidOn: "2026-12-31" },
        { amountCents: 1_212_000 - level, paidOn: "2026-12-31" },
      ],
      "2027-01-02",
    );
    expect(ledger.paidOff).toBe(true);
    expect(ledger.paidOffOn).toBe("2026-12-31");
    expect(ledger.outstandingCents).toBe(0);
    expect(ledger.next).toBeNull();
    expect(ledger.instalments[11]?.state).toBe("SETTLED_EARLY");
    expect(ledger.surplusCents).toBe(0);
  });

  it("of a fee product: the periods not started are not charged", () => {
    expect(feePeriodsUsed(factoring, FUNDED)).toBe(1);
    expect(feePeriodsUsed(factoring, "2026-12-31")).toBe(1);
    expect(feePeriodsUsed(factoring, "2027-01-01")).toBe(2);
    expect(feePeriodsUsed(factoring, "2027-06-01")).toBe(2);
    expect(payoffTotal(factoring, factoringSchedule, "2026-12-20")).toBe(6_800_000 + 120_000);
    expect(payoffTotal({ ...factoring, productType: "PO_FINANCING" }, factoringSchedule, "2026-12-20")).toBe(
      6_800_000 + 102_000,
    );
  });
});

describe("over-payments", () => {
  const problem = (
    payments: { amountCents: number; paidOn: string }[],
    amountCents: number,
    paidOn: string,
  ) => paymentProblem(loan, loanSchedule, payments, { amountCents, paidOn }, "2027-01-10", formatMoney);

  it("are refused with the most that can be paid", () => {
    expect(problem([], 1_212_001, "2026-12-31")).toEqual({
      field: "amount",
      message: "That is more than is owed: $12,120.00 repays the deal in full on 2026-12-31.",
    });
    expect(problem([], 1_212_000, "2026-12-31")).toBeNull();
  });

  it("and payments after the payoff, in the future, before the funding or out of date order", () => {
    expect(problem([{ amountCents: 1_200_000, paidOn: FUNDED }], 1, "2026-12-02")?.message).toBe(
      "This deal is already paid off.",
    );
    expect(problem([], 100, "2027-01-11")?.message).toBe("The payment date cannot be in the future.");
    expect(problem([], 100, "2026-11-30")?.field).toBe("paidOn");
    expect(problem([{ amountCents: 100, paidOn: "2027-01-05" }], 100, "2027-01-04")?.message).toBe(
      "Payments are recorded in date order: the last one is dated 2027-01-05.",
    );
  });
});

describe("factoring settlement", () => {
  it("computes the rebate: face value less advance less the fees for the periods used", () => {
    const early = buildLedger(
      factoring,
      factoringSchedule,
      [{ amountCents: 8_000_000, paidOn: "2026-12-20" }],
      "2026-12-21",
    );
    expect(early.paidOff).toBe(true);
    expect(early.surplusCents).toBe(8_000_000 - 6_800_000 - 120_000);
    const onTime = buildLedger(
      factoring,
      factoringSchedule,
      [{ amountCents: 8_000_000, paidOn: "2027-01-30" }],
      "2027-01-30",
    );
    expect(onTime.surplusCents).toBe(8_000_000 - 7_040_000);
    expect(expectedRebate(factoring, factoringSchedule, "2027-01-30")).toBe(960_000);
  });

  it("counts what the merchant already paid, and refuses more than the face value", () => {
    const settled = buildLedger(
      factoring,
      factoringSchedule,
      [
        { amountCents: 1_000_000, paidOn: "2026-12-10" },
        { amountCents: 7_000_000, paidOn: "2026-12-20" },
      ],
      "2026-12-21",
    );
    expect(settled.surplusCents).toBe(8_000_000 - 6_920_000);
    // The buyer pays the whole invoice even after the merchant paid part: the merchant's part comes back.
    expect(
      paymentProblem(
        factoring,
        factoringSchedule,
        [{ amountCents: 1_000_000, paidOn: "2026-12-10" }],
        { amountCents: 8_000_000, paidOn: "2026-12-20", byBuyer: true },
        "2026-12-21",
        formatMoney,
      ),
    ).toBeNull();
    expect(
      paymentProblem(
        factoring,
        factoringSchedule,
        [],
        { amountCents: 8_000_001, paidOn: "2026-12-20", byBuyer: true },
        "2026-12-21",
        formatMoney,
      )?.message,
    ).toBe("The buyer's payment cannot be more than the invoice's face value: at most $80,000.00.");
  });

  it("of a short payment leaves the rest owed and no rebate", () => {
    const short = buildLedger(
      factoring,
      factoringSchedule,
      [{ amountCents: 5_000_000, paidOn: "2026-12-20" }],
      "2026-12-21",
    );
    expect(short.paidOff).toBe(false);
    expect(short.surplusCents).toBe(0);
    expect(short.payoffTodayCents).toBe(6_920_000 - 5_000_000);
  });
});

describe("rounding", () => {
  it("rounds fees half away from zero, as the disclosure does", () => {
    const tiny: DealTerms = { ...factoring, amountCents: 333, advanceRateBps: 5000, termDays: 30 };
    // Advance 166.5 → 167; fee 333 × 1.5% = 4.995 → 5.
    expect(payoffTotal(tiny, [{ number: 1, dueOn: "2026-12-31", amountCents: 172 }], FUNDED)).toBe(172);
  });

  it("never charges above the schedule's total", () => {
    const odd = instalmentsFrom([{ number: 1, dueInDays: 60, amountCents: 7_000_000 }], FUNDED);
    expect(payoffTotal(factoring, odd, "2027-01-30")).toBe(7_000_000);
  });

  it("counts calendar days across month ends and leap days", () => {
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});
