// The disclosure per product type, as the merchant reads it: the financing and face value, each
// fee withheld and the amount disbursed, the term (estimated where it rests on a buyer) with its
// assumption, the dated schedule with the last payment's rounding, prepayment, security and
// recourse, and the method. The worked offers' figures (and APRs) are computed in the comments
// and in offer.test.ts by Regulation Z Appendix J.
import { describe, expect, it } from "vitest";
import { aprOfSchedule } from "./disclosure";
import { type DisclosedOffer, disclosureContent, paymentDate, paymentsText } from "./disclosure-content";
import { OfferSchema, offerAsDisclosed } from "./offer";

const MADE = new Date("2026-12-01T15:30:00Z");

function content(form: Record<string, unknown>, madeAt = MADE) {
  const offer = OfferSchema.parse({ expiresInDays: 14, ...form });
  return disclosureContent(offerAsDisclosed(offer, madeAt), "Alder Capital");
}

const fact = (c: ReturnType<typeof content>, label: string) => c.facts.find((l) => l.label === label)?.value;
const note = (c: ReturnType<typeof content>, heading: string) =>
  c.notes.find((n) => n.heading === heading)?.text ?? "";

describe("invoice factoring: 80% of a $50,000 invoice at 2% of face per 30 days, paid at day 30", () => {
  const c = content({
    productType: "INVOICE_FACTORING",
    amount: "50,000",
    advanceRate: "80",
    feePer30Days: "2",
    termDays: 30,
    recourse: "WITH_RECOURSE",
  });

  it("states the face value, the advance rate and the advance as the financing", () => {
    expect(c.product).toBe("Export invoice factoring");
    expect(c.facts.slice(0, 3)).toEqual([
      { label: "Invoice face value", value: "$50,000.00" },
      { label: "Advance rate", value: "80% of the face value" },
      { label: "Total amount of financing", value: "$40,000.00 (the advance)" },
    ]);
    expect(fact(c, "Amount disbursed to you")).toBe("$40,000.00");
    // Fee: 2% × $50,000 for one period = $1,000. APR = 1,000 ÷ 40,000 × 365 ÷ 30 = 30.42%.
    expect(fact(c, "Finance charge")).toBe("$1,000.00");
    expect(fact(c, "Total repayment")).toBe("$41,000.00");
    expect(fact(c, "Estimated APR")).toBe("30.42%");
    expect(fact(c, "Fee")).toBe("2% of the face value per 30 days or part of them");
  });

  it("labels the term an estimate, with the assumption and the one dated payment", () => {
    expect(fact(c, "Estimated term")).toBe("30 days (assumes your buyer pays on day 30)");
    expect(fact(c, "Term")).toBeUndefined();
    expect(fact(c, "Payment")).toBe("$41,000.00 in one sum when your buyer pays (estimated 2026-12-31)");
    expect(c.schedule.rows).toEqual([{ number: 1, date: "2026-12-31", amount: "$41,000.00" }]);
    expect(c.schedule.rounding).toBeNull();
    expect(c.schedule.assumption).toMatch(/funds are sent on 2026-12-01.*your buyer pays 30 days later/);
    expect(note(c, "Estimated term")).toMatch(/assumes your buyer pays on day 30/);
    expect(note(c, "Estimated term")).toMatch(/you pay \$1,000\.00 more for each further 30 days started/);
  });

  it("says what prepaying saves, what secures it and how it was computed", () => {
    expect(note(c, "Prepayment")).toMatch(/periods not started are not charged/);
    expect(note(c, "What the APR means")).toMatch(/not the fee rate: the fee is 2% per 30 days/);
    expect(note(c, "Security and recourse")).toMatch(/With recourse: if your buyer does not pay/);
    expect(note(c, "How the figures were computed")).toMatch(
      /80% of the face value of \$50,000\.00.*2% of the face value \(\$1,000\.00\).*1 period for 30 days, \$1,000\.00/,
    );
  });

  it("without recourse, says the lender bears the buyer's insolvency", () => {
    const without = content({
      productType: "INVOICE_FACTORING",
      amount: "50,000",
      advanceRate: "80",
      feePer30Days: "2",
      termDays: 30,
      recourse: "WITHOUT_RECOURSE",
    });
    expect(note(without, "Security and recourse")).toMatch(/Without recourse: .*insolvent, you do not repay/);
  });
});

describe("PO financing: 90% of a $60,000 order at 3% of the advance per 30 days, repaid at day 90", () => {
  const c = content({
    productType: "PO_FINANCING",
    amount: "60,000",
    advanceRate: "90",
    feePer30Days: "3",
    termDays: 90,
  });

  it("discloses the order, the advance, three fee periods and 36.50% APR", () => {
    // Advance $54,000; fee 3% × $54,000 × 3 periods = $4,860; APR = 4,860 ÷ 54,000 × 365 ÷ 90 = 36.50%.
    expect(fact(c, "Purchase order face value")).toBe("$60,000.00");
    expect(fact(c, "Advance rate")).toBe("90% of the face value");
    expect(fact(c, "Total amount of financing")).toBe("$54,000.00 (the advance)");
    expect(fact(c, "Finance charge")).toBe("$4,860.00");
    expect(fact(c, "Total repayment")).toBe("$58,860.00");
    expect(fact(c, "Estimated APR")).toBe("36.50%");
    expect(fact(c, "Estimated term")).toBe("90 days (assumes your buyer pays on day 90)");
    expect(c.schedule.rows).toEqual([{ number: 1, date: "2027-03-01", amount: "$58,860.00" }]);
  });

  it("is secured by the order's receivable, with recourse to the merchant", () => {
    expect(note(c, "Security and recourse")).toMatch(
      /secured by the purchase order, the invoice and receivable it creates, and their proceeds/,
    );
    expect(note(c, "Security and recourse")).toMatch(/you must repay the advance and the fee yourself/);
    expect(note(c, "How the figures were computed")).toMatch(
      /3% of the advance \(\$1,620\.00\).*3 periods for 90 days, \$4,860\.00/,
    );
  });

  it("lists a fee deducted and the amount disbursed net of it, and says it is not refunded", () => {
    const fee = content({
      productType: "PO_FINANCING",
      amount: "60,000",
      advanceRate: "90",
      feePer30Days: "3",
      termDays: 90,
      originationFee: "540",
    });
    expect(fact(fee, "Fee deducted from the advance")).toBe("$540.00");
    expect(fact(fee, "Amount disbursed to you")).toBe("$53,460.00 (the financing less the fee deducted)");
    expect(fact(fee, "Finance charge")).toBe("$5,400.00");
    expect(note(fee, "Prepayment")).toMatch(
      /The \$540\.00 fee deducted when the funds are sent is not refunded\./,
    );
  });
});

describe("term loan: 6 months, $30,000 at 24%, $900 origination fee deducted", () => {
  const form = {
    productType: "TERM_LOAN",
    amount: "30,000",
    originationFee: "900",
    interestRate: "24",
    paymentFrequency: "MONTHLY",
    paymentCount: 6,
    securityTerms: "A lien on all business assets and a personal guarantee",
  };
  const c = content(form);

  it("discloses the fee, the amount disbursed, the finance charge and 34.92% APR", () => {
    expect(c.facts.map((l) => l.label)).toEqual([
      "Total amount of financing",
      "Origination fee deducted",
      "Amount disbursed to you",
      "Finance charge",
      "Total repayment",
      "APR",
      "Term",
      "Payments",
      "Interest rate",
    ]);
    expect(fact(c, "Total amount of financing")).toBe("$30,000.00");
    expect(fact(c, "Origination fee deducted")).toBe("$900.00");
    expect(fact(c, "Amount disbursed to you")).toBe("$29,100.00 (the financing less the fee deducted)");
    expect(fact(c, "Finance charge")).toBe("$3,034.65");
    expect(fact(c, "Total repayment")).toBe("$32,134.65");
    expect(fact(c, "APR")).toBe("34.92%");
    expect(fact(c, "Term")).toBe("6 months (about 183 days)");
  });

  it("dates each payment a calendar month apart and shows the last payment's rounding", () => {
    expect(fact(c, "Payments")).toBe("6 monthly payments: 5 of $5,355.77 and a last payment of $5,355.80");
    expect(c.schedule.rows.map((r) => `${r.date} ${r.amount}`)).toEqual([
      "2027-01-01 $5,355.77",
      "2027-02-01 $5,355.77",
      "2027-03-01 $5,355.77",
      "2027-04-01 $5,355.77",
      "2027-05-01 $5,355.77",
      "2027-06-01 $5,355.80",
    ]);
    expect(c.schedule.rounding).toBe(
      "Payments are rounded to the cent; the last one, $5,355.80, takes up the rounding ($0.03 more than the others), so the payments add up to the total repayment exactly.",
    );
    expect(c.schedule.assumption).toMatch(/funds are sent on 2026-12-01, the day the offer was made/);
  });

  it("keeps month ends: funded on 31 January, payments fall on each month's last day", () => {
    const end = content(form, new Date("2027-01-31T12:00:00Z"));
    expect(end.schedule.rows.map((r) => r.date)).toEqual([
      "2027-02-28",
      "2027-03-31",
      "2027-04-30",
      "2027-05-31",
      "2027-06-30",
      "2027-07-31",
    ]);
  });

  it("states the lender's security, prepayment and the Appendix J method", () => {
    expect(note(c, "Security and recourse")).toBe(
      "As Alder Capital states it: A lien on all business assets and a personal guarantee.",
    );
    expect(note(c, "Prepayment")).toMatch(
      /without a penalty.*saves the interest not yet due.*\$900\.00 fee.*not refunded/,
    );
    expect(note(c, "How the figures were computed")).toMatch(/24% a year.*12 periods a year.*Appendix J/);
    expect(c.notes.map((n) => n.heading)).not.toContain("Estimated term");
    expect(note(c, "What the APR means")).toMatch(
      /not an interest rate: your interest rate is 24% a year, and the APR is higher because it also counts the fee deducted/,
    );
  });

  it("states a term beyond a year in years and months", () => {
    const long = content({ ...form, paymentCount: 30 });
    expect(fact(long, "Term")).toBe("2 years and 6 months (about 913 days)");
  });

  it("refuses a loan whose security is not stated", () => {
    const refused = OfferSchema.safeParse({ expiresInDays: 14, ...form, securityTerms: "" });
    expect(refused.error?.issues[0]).toMatchObject({ path: ["securityTerms"] });
  });
});

describe("working-capital line: 26 weekly payments on $25,000 at 35%", () => {
  const c = content({
    productType: "EXPORT_WORKING_CAPITAL",
    amount: "25,000",
    interestRate: "35",
    paymentFrequency: "WEEKLY",
    paymentCount: 26,
    securityTerms: "Nothing: unsecured",
  });

  it("dates 26 weekly payments from the funding day, the last one taking the rounding", () => {
    expect(c.product).toBe("Export working-capital line");
    expect(fact(c, "Amount disbursed to you")).toBe("$25,000.00");
    expect(fact(c, "Finance charge")).toBe("$2,335.11");
    expect(fact(c, "APR")).toBe("35.00%");
    expect(fact(c, "Term")).toBe("26 weeks (182 days)");
    expect(fact(c, "Payments")).toBe("26 weekly payments: 25 of $1,051.35 and a last payment of $1,051.36");
    expect(c.schedule.rows).toHaveLength(26);
    expect(c.schedule.rows[0]).toEqual({ number: 1, date: "2026-12-08", amount: "$1,051.35" });
    expect(c.schedule.rows[25]).toEqual({ number: 26, date: "2027-06-01", amount: "$1,051.36" });
    expect(c.schedule.assumption).toMatch(/a payment every 7 days/);
    expect(note(c, "Security and recourse")).toBe("As Alder Capital states it: Nothing: unsecured.");
  });
});

describe("the design's worked offer: $40,000 repaid in 12 equal monthly payments totalling $52,000", () => {
  const payments = [...Array(11).fill(433_333), 433_337];
  const offer: DisclosedOffer = {
    productType: "TERM_LOAN",
    amountCents: 4_000_000,
    advanceRateBps: 10_000,
    feeBps: null,
    feePeriodDays: null,
    interestRateBps: null,
    feeDeductedCents: 0,
    securityTerms: "Nothing: unsecured",
    recourse: null,
    fundsProvidedCents: 4_000_000,
    financeChargeCents: 1_200_000,
    totalRepaymentCents: 5_200_000,
    estimatedAprBps: aprOfSchedule(4_000_000, payments, 12),
    termDays: 365,
    paymentFrequency: "MONTHLY",
    paymentCount: 12,
    paymentAmountCents: 433_333,
    prepaymentTerms: "You may repay early without a penalty.",
    schedule: payments.map((amountCents, k) => ({ number: k + 1, dueInDays: 0, amountCents })),
    madeAt: MADE,
  };

  it("shows 11 × $4,333.33 and a last payment of $4,333.37, dated monthly, at 51.44% APR", () => {
    const c = disclosureContent(offer, "Alder Capital");
    // Appendix J: 4,000,000 = Σ payment_k ÷ (1 + i)^k gives i = 4.28688% a month; × 12 = 51.44%.
    expect(fact(c as ReturnType<typeof content>, "APR")).toBe("51.44%");
    expect(paymentsText("MONTHLY", payments)).toBe(
      "12 monthly payments: 11 of $4,333.33 and a last payment of $4,333.37",
    );
    expect(c.schedule.rows.at(-1)).toEqual({ number: 12, date: "2027-12-01", amount: "$4,333.37" });
    expect(c.schedule.rounding).toMatch(/the last one, \$4,333\.37, takes up the rounding \(\$0\.04 more/);
  });
});

describe("payment dates", () => {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const funded = new Date("2028-01-31T00:00:00Z");
  it("count weeks, fortnights, calendar months (leap February) or the term from the funding day", () => {
    expect(day(paymentDate(funded, "WEEKLY", 2, 0))).toBe("2028-02-14");
    expect(day(paymentDate(funded, "BIWEEKLY", 1, 0))).toBe("2028-02-14");
    expect(day(paymentDate(funded, "MONTHLY", 1, 0))).toBe("2028-02-29");
    expect(day(paymentDate(funded, "MONTHLY", 12, 0))).toBe("2029-01-31");
    expect(day(paymentDate(funded, "SINGLE", 1, 60))).toBe("2028-03-31");
  });
});
