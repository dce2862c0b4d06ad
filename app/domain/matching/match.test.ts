import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PRODUCT_TYPES } from "~/domain/lenders/products";
import { PAYMENT_TERMS } from "~/domain/orders/orders";
import {
  checkProduct,
  indicativeAprBps,
  type MatchApplication,
  type MatchMerchant,
  type MatchProduct,
  matchApplication,
} from "./match";

const product = (partial: Partial<MatchProduct> = {}): MatchProduct => ({
  id: "p1",
  lenderOrgId: "l1",
  type: "PO_FINANCING",
  status: "ACTIVE",
  orgStatus: "ACTIVE",
  minAmountCents: 5_000_000,
  maxAmountCents: 200_000_000,
  minScore: 550,
  minMonthsInBusiness: 24,
  minAnnualRevenueCents: 50_000_000,
  countryMode: "ANY",
  allowedCountries: [],
  blockedCountries: [],
  maxOecdCategory: 4,
  acceptedPaymentTerms: ["LETTER_OF_CREDIT", "OPEN_ACCOUNT"],
  blockedNaicsPrefixes: [],
  minTenorDays: 30,
  maxTenorDays: 150,
  advanceRateBps: 8500,
  priceMinBps: 250,
  priceMaxBps: 450,
  ...partial,
});
const application: MatchApplication = {
  amountCents: 25_000_000,
  productType: "ANY",
  tenorDays: 90,
  orders: [{ buyerCountry: "JP", paymentTerm: "LETTER_OF_CREDIT" }],
};
const merchant: MatchMerchant = {
  score: 720,
  monthsInBusiness: 60,
  annualRevenueCents: 120_000_000,
  naicsCode: "339920",
};

const failed = (p: MatchProduct, a = application, m = merchant) =>
  checkProduct(p, a, m).map((f) => f.criterion);

describe("each criterion alone", () => {
  it("passes a product that fits", () => {
    expect(failed(product())).toEqual([]);
  });
  it.each([
    ["status", product({ status: "PAUSED" })],
    ["status", product({ orgStatus: "SUSPENDED" })],
    ["status", product({ orgStatus: "PENDING" })],
    [
      "productType",
      product({ type: "TERM_LOAN" }),
      { ...application, productType: "INVOICE_FACTORING" as const },
    ],
    ["amount", product({ minAmountCents: 30_000_000 })],
    ["amount", product({ maxAmountCents: 20_000_000 })],
    ["score", product({ minScore: 721 })],
    ["monthsInBusiness", product({ minMonthsInBusiness: 61 })],
    ["annualRevenue", product({ minAnnualRevenueCents: 120_000_001 })],
    ["buyerCountry", product({ countryMode: "ALLOWED_ONLY", allowedCountries: ["CN", "KR"] })],
    ["buyerCountry", product({ blockedCountries: ["JP"] })],
    [
      "oecdCategory",
      product(),
      { ...application, orders: [{ buyerCountry: "VN", paymentTerm: "OPEN_ACCOUNT" }] },
      undefined,
      { maxOecdCategory: 3 },
    ],
    ["paymentTerm", product({ acceptedPaymentTerms: ["CASH_IN_ADVANCE"] })],
    ["industry", product({ blockedNaicsPrefixes: ["3399"] })],
    ["tenor", product({ maxTenorDays: 60 })],
    ["tenor", product({ minTenorDays: 120 })],
  ] as [string, MatchProduct, MatchApplication?, MatchMerchant?, Partial<MatchProduct>?][])(
    "fails %s when only it is not met",
    (criterion, p, a, m, patch) => {
      expect(failed({ ...p, ...patch }, a ?? application, m ?? merchant)).toEqual([criterion]);
    },
  );
  it("keeps the values compared", () => {
    const [failure] = checkProduct(product({ minScore: 800 }), application, merchant);
    expect(failure).toEqual({ criterion: "score", expected: "≥ 800", actual: "720" });
  });
  it("a merchant without a score, or without a year founded, is not eligible", () => {
    expect(failed(product(), application, { ...merchant, score: null })).toEqual(["score"]);
    expect(failed(product(), application, { ...merchant, monthsInBusiness: null })).toEqual([
      "monthsInBusiness",
    ]);
  });
  it("unknown buyer countries are priced as OECD category 7", () => {
    expect(
      failed(product({ maxOecdCategory: 6 }), {
        ...application,
        orders: [{ buyerCountry: "ZZ", paymentTerm: "OPEN_ACCOUNT" }],
      }),
    ).toEqual(["oecdCategory"]);
  });
  it("reports every failed criterion together", () => {
    expect(
      failed(product({ status: "PAUSED", minScore: 900, maxTenorDays: 60, blockedCountries: ["JP"] })),
    ).toEqual(["status", "score", "buyerCountry", "tenor"]);
  });
});

describe("ranking", () => {
  it("ranks by indicative price for this merchant across product types", () => {
    const products = [
      product({ id: "po", type: "PO_FINANCING", priceMinBps: 250, priceMaxBps: 450 }), // ≈ 36–65% APR
      product({
        id: "line",
        type: "EXPORT_WORKING_CAPITAL",
        priceMinBps: 850,
        priceMaxBps: 1200,
        acceptedPaymentTerms: ["LETTER_OF_CREDIT"],
      }),
      product({ id: "factor", type: "INVOICE_FACTORING", priceMinBps: 90, priceMaxBps: 250 }),
    ];
    const result = matchApplication(application, merchant, products);
    expect(result.eligible.map((e) => [e.productId, e.rank])).toEqual([
      ["line", 1],
      ["factor", 2],
      ["po", 3],
    ]);
    expect(result.ineligible).toEqual([]);
  });
  it("breaks ties by score headroom, then amount fit, then product id", () => {
    const same = { priceMinBps: 900, priceMaxBps: 900, type: "TERM_LOAN" as const };
    const products = [
      product({ ...same, id: "c", minScore: 600 }),
      product({ ...same, id: "b", minScore: 500 }),
      product({ ...same, id: "a", minScore: 600, maxAmountCents: 100_000_000 }),
      product({ ...same, id: "d", minScore: 600 }),
    ];
    expect(matchApplication(application, merchant, products).eligible.map((e) => e.productId)).toEqual([
      "b",
      "c",
      "d",
      "a",
    ]);
  });
  it("a better score never costs more", () => {
    fc.assert(
      fc.property(fc.integer({ min: 550, max: 1000 }), fc.integer({ min: 550, max: 1000 }), (s1, s2) => {
        const p = product();
        const price = (score: number) =>
          matchApplication(application, { ...merchant, score }, [p]).eligible[0]?.indicativePriceBps ?? 0;
        const [low, high] = s1 < s2 ? [s1, s2] : [s2, s1];
        expect(price(high)).toBeLessThanOrEqual(price(low));
      }),
    );
  });
  it("annualises a 30-day fee on the advance", () => {
    expect(indicativeAprBps(product({ type: "INVOICE_FACTORING", advanceRateBps: 8000 }), 200)).toBe(3042); // 2% / 80% × 365/30
    expect(indicativeAprBps(product({ type: "TERM_LOAN" }), 1200)).toBe(1200);
  });
  it("suspended partners and paused products never match", () => {
    const result = matchApplication(application, merchant, [
      product({ id: "paused", status: "PAUSED" }),
      product({ id: "suspended", orgStatus: "SUSPENDED" }),
    ]);
    expect(result.eligible).toEqual([]);
    expect(result.ineligible.map((i) => i.productId)).toEqual(["paused", "suspended"]);
  });
});

describe("property: adding a criterion never makes more products eligible", () => {
  const arbitraryProduct = fc.record({
    minAmountCents: fc.integer({ min: 0, max: 50_000_000 }),
    maxAmountCents: fc.integer({ min: 50_000_000, max: 500_000_000 }),
    minScore: fc.integer({ min: 0, max: 1000 }),
    minMonthsInBusiness: fc.integer({ min: 0, max: 120 }),
    minAnnualRevenueCents: fc.integer({ min: 0, max: 300_000_000 }),
    maxOecdCategory: fc.integer({ min: 0, max: 7 }),
    acceptedPaymentTerms: fc.subarray([...PAYMENT_TERMS], { minLength: 1 }),
    minTenorDays: fc.integer({ min: 1, max: 200 }),
    maxTenorDays: fc.integer({ min: 200, max: 2000 }),
    type: fc.constantFrom(...PRODUCT_TYPES),
  });
  const tightenings: ((p: MatchProduct) => MatchProduct)[] = [
    (p) => ({ ...p, minScore: p.minScore + 50 }),
    (p) => ({ ...p, minMonthsInBusiness: p.minMonthsInBusiness + 12 }),
    (p) => ({ ...p, minAnnualRevenueCents: p.minAnnualRevenueCents + 10_000_000 }),
    (p) => ({ ...p, maxOecdCategory: Math.max(0, p.maxOecdCategory - 1) }),
    (p) => ({ ...p, acceptedPaymentTerms: p.acceptedPaymentTerms.slice(1) }),
    (p) => ({ ...p, blockedCountries: [...p.blockedCountries, "JP"] }),
    (p) => ({ ...p, countryMode: "ALLOWED_ONLY", allowedCountries: ["CN"] }),
    (p) => ({ ...p, blockedNaicsPrefixes: [...p.blockedNaicsPrefixes, "33"] }),
    (p) => ({ ...p, maxTenorDays: p.maxTenorDays - 150 }),
    (p) => ({ ...p, status: "PAUSED" }),
  ];
  it("holds for every tightening of any product", () => {
    fc.assert(
      fc.property(
        arbitraryProduct,
        fc.integer({ min: 0, max: tightenings.length - 1 }),
        fc.integer({ min: 0, max: 1000 }),
        (fields, which, score) => {
          const loose = product(fields);
          const tight = (tightenings[which] as (p: MatchProduct) => MatchProduct)(loose);
          const m = { ...merchant, score };
          const looseEligible = matchApplication(application, m, [loose]).eligible.length;
          const tightEligible = matchApplication(application, m, [tight]).eligible.length;
          expect(tightEligible).toBeLessThanOrEqual(looseEligible);
        },
      ),
      { numRuns: 300 },
    );
  });
});
