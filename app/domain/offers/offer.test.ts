// The issue's worked offers, checked against figures computed here by Regulation Z Appendix J
// (docs/design/disclosures.md), not against the production code's own output.
import { describe, expect, it } from "vitest";
import { aprOfSchedule, computeDisclosure } from "./disclosure";
import { disclosureContent } from "./disclosure-content";
import { OfferSchema, offerAsDisclosed, offerDisclosure, offerTerms } from "./offer";

const facts = (offer: ReturnType<typeof OfferSchema.parse>) =>
  disclosureContent(offerAsDisclosed(offer, new Date("2026-12-01T09:00:00Z")), "Alder Capital").facts.map(
    (l) => `${l.label}: ${l.value}`,
  );

/**
 * Appendix J's general equation with unit periods of equal length and no odd first period:
 * funds = Σ payment_k / (1 + i)^k. Solved by plain bisection on [0, 1] so that it shares no code
 * with the production solver; the APR is i × unit periods per year, in basis points.
 */
function appendixJAprBps(fundsCents: number, payments: number[], periodsPerYear: number): number {
  const pv = (i: number) => payments.reduce((sum, p, k) => sum + p / (1 + i) ** (k + 1), 0);
  let low = 0;
  let high = 1;
  for (let step = 0; step < 100; step++) {
    const mid = (low + high) / 2;
    if (pv(mid) > fundsCents) low = mid;
    else high = mid;
  }
  return Math.round(low * periodsPerYear * 10_000);
}

const base = {
  expiresInDays: 14,
  recourse: "WITH_RECOURSE",
  securityTerms: "A lien on all business assets",
};

describe("worked offers (Appendix J)", () => {
  it("the design's offer: $40,000 repaid in 12 equal monthly payments totalling $52,000 is 51.44% APR", () => {
    // 11 payments of $4,333.33 and a last of $4,333.37 (the rounding) sum to exactly $52,000.
    // Bisection of 4,000,000 = Σ payment_k/(1+i)^k gives i = 4.28688% a month; × 12 = 51.44%.
    const payments = [...Array(11).fill(433_333), 433_337];
    expect(payments.reduce((a, b) => a + b, 0)).toBe(5_200_000);
    expect(appendixJAprBps(4_000_000, payments, 12)).toBe(5144);
    expect(aprOfSchedule(4_000_000, payments, 12)).toBe(5144);
  });

  it("a 6-month $30,000 loan at 24% with a $900 origination fee deducted: $29,100 provided, 34.92% APR", () => {
    const offer = OfferSchema.parse({
      ...base,
      productType: "TERM_LOAN",
      amount: "30,000",
      originationFee: "900",
      interestRate: "24",
      paymentFrequency: "MONTHLY",
      paymentCount: 6,
    });
    const d = offerDisclosure(offer);
    // 2% a month on $30,000 over 6 payments: $30,000 × 0.02 / (1 − 1.02^−6) = $5,355.77; five
    // payments of $5,355.77 and a last of $5,355.80 (the interest rounding), $32,134.65 in all.
    const payments = [535_577, 535_577, 535_577, 535_577, 535_577, 535_580];
    expect(d.schedule.map((p) => p.amountCents)).toEqual(payments);
    expect(d.totalRepaymentCents).toBe(3_213_465);
    // The amount financed excludes the prepaid fee: $30,000 − $900 = $29,100 reaches the merchant,
    // and the finance charge is interest $2,134.65 + fee $900 = $3,034.65.
    expect(d.fundsProvidedCents).toBe(2_910_000);
    expect(d.financeChargeCents).toBe(303_465);
    // Bisection of 2,910,000 = Σ payment_k/(1+i)^k gives i = 2.91000% a month; × 12 = 34.92%.
    expect(appendixJAprBps(2_910_000, payments, 12)).toBe(3492);
    expect(d.estimatedAprBps).toBe(3492);
    // Without the fee the APR is the note rate.
    expect(appendixJAprBps(3_000_000, payments, 12)).toBe(2400);
  });

  it("26 weekly payments on a $25,000 line at 35%: 35.00% APR", () => {
    const offer = OfferSchema.parse({
      ...base,
      productType: "EXPORT_WORKING_CAPITAL",
      amount: "25,000",
      interestRate: "35",
      paymentFrequency: "WEEKLY",
      paymentCount: 26,
    });
    const d = offerDisclosure(offer);
    // 0.35/52 a week: level payment $25,000 × r / (1 − (1+r)^−26) = $1,051.35; 25 of those and a
    // last of $1,051.36, $27,335.11 in all; finance charge $2,335.11.
    const payments = [...Array(25).fill(105_135), 105_136];
    expect(d.schedule.map((p) => p.amountCents)).toEqual(payments);
    expect(d.fundsProvidedCents).toBe(2_500_000);
    expect(d.financeChargeCents).toBe(233_511);
    // Bisection gives i = 0.673080% a week; × 52 = 35.00%.
    expect(appendixJAprBps(2_500_000, payments, 52)).toBe(3500);
    expect(d.estimatedAprBps).toBe(3500);
    expect(d.termDays).toBe(182);
  });
});

describe("the offer form's terms per product type", () => {
  it("a term loan of $40,000 lends $40,000: there is no advance rate", () => {
    const offer = OfferSchema.parse({
      ...base,
      productType: "TERM_LOAN",
      amount: "40,000",
      advanceRate: "85",
      interestRate: "12",
      paymentFrequency: "MONTHLY",
      paymentCount: 12,
    });
    expect(offerTerms(offer)).toMatchObject({ principalCents: 4_000_000, originationFeeCents: 0 });
    expect(offerDisclosure(offer).fundsProvidedCents).toBe(4_000_000);
    expect(offer.advanceRate).toBe(10_000);
    expect(facts(offer)).toContain("Total amount of financing: $40,000.00");
    expect(facts(offer).join("\n")).not.toMatch(/Advance rate/);
  });

  it("factoring keeps the face value and advance rate, and shows both", () => {
    const offer = OfferSchema.parse({
      ...base,
      productType: "INVOICE_FACTORING",
      amount: "50,000",
      advanceRate: "80",
      feePer30Days: "2",
      termDays: 30,
    });
    const d = offerDisclosure(offer);
    // 80% of $50,000 = $40,000 advanced; 2% of face for one 30-day period = $1,000;
    // APR = 1,000 / 40,000 × 365 / 30 = 30.42%.
    expect(d).toMatchObject({
      fundsProvidedCents: 4_000_000,
      financeChargeCents: 100_000,
      estimatedAprBps: 3042,
    });
    expect(facts(offer).slice(0, 3)).toEqual([
      "Invoice face value: $50,000.00",
      "Advance rate: 80% of the face value",
      "Total amount of financing: $40,000.00 (the advance)",
    ]);
  });

  it("a processing fee deducted from a PO advance lowers the funds and counts in the finance charge", () => {
    const offer = OfferSchema.parse({
      ...base,
      productType: "PO_FINANCING",
      amount: "60,000",
      advanceRate: "90",
      feePer30Days: "3",
      termDays: 90,
      originationFee: "540",
    });
    const d = offerDisclosure(offer);
    // Advance $54,000; fee 3% × 3 periods × $54,000 = $4,860; repaid $58,860. Funds net of the
    // $540 fee: $53,460; finance charge $5,400; APR = 5,400 / 53,460 × 365 / 90 = 40.965% → 40.97%.
    expect(d).toMatchObject({
      fundsProvidedCents: 5_346_000,
      financeChargeCents: 540_000,
      totalRepaymentCents: 5_886_000,
      estimatedAprBps: 4097,
    });
    expect(facts(offer)).toEqual(
      expect.arrayContaining([
        "Fee deducted from the advance: $540.00",
        "Amount disbursed to you: $53,460.00 (the financing less the fee deducted)",
      ]),
    );
  });

  it("refuses a missing advance rate on factoring, and a fee as large as the advance", () => {
    const noRate = OfferSchema.safeParse({
      ...base,
      productType: "INVOICE_FACTORING",
      amount: "50,000",
      feePer30Days: "2",
      termDays: 30,
    });
    expect(noRate.error?.issues[0]).toMatchObject({ path: ["advanceRate"] });
    const bigFee = OfferSchema.safeParse({
      ...base,
      productType: "TERM_LOAN",
      amount: "10,000",
      originationFee: "10,000",
      interestRate: "10",
      paymentFrequency: "MONTHLY",
      paymentCount: 6,
    });
    expect(bigFee.error?.issues[0]).toMatchObject({
      path: ["originationFee"],
      message: "The fee must be less than the amount advanced.",
    });
    const badFee = OfferSchema.safeParse({
      ...base,
      productType: "TERM_LOAN",
      amount: "10,000",
      originationFee: "lots",
      interestRate: "10",
      paymentFrequency: "MONTHLY",
      paymentCount: 6,
    });
    expect(badFee.error?.issues[0]?.path).toEqual(["originationFee"]);
  });
});

it("computeDisclosure and the test's own solver agree on a fee-free loan", () => {
  const d = computeDisclosure({
    kind: "amortising",
    productType: "TERM_LOAN",
    principalCents: 4_000_000,
    interestRateBps: 1800,
    paymentFrequency: "BIWEEKLY",
    paymentCount: 20,
  });
  expect(d.estimatedAprBps).toBe(
    appendixJAprBps(
      4_000_000,
      d.schedule.map((p) => p.amountCents),
      26,
    ),
  );
});
