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
import { describeFailure, whyNotReasons } from "./why-not";

const product = (partial: Partial<MatchProduct> = {}): MatchProduct => ({
  id: "p1",
  lenderOrgId: "l1",
  type: "PO_FINANCING",
  status: "ACTIVE",
  orgStatus: "ACTIVE",
  statesLicensed: [],
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
  state: "OR",
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
    expect(failure).toEqual({ criterion: "score", min: 800, actual: 720 });
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
    (p) => ({ ...p, statesLicensed: ["NY", "NJ"] }),
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
          for (const a of [application, { ...application, orders: [] }]) {
            const looseEligible = matchApplication(a, m, [loose]).eligible.length;
            const tightEligible = matchApplication(a, m, [tight]).eligible.length;
            expect(tightEligible).toBeLessThanOrEqual(looseEligible);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("licensed states", () => {
  it("matches a merchant whose business address is in one of the partner's states", () => {
    expect(failed(product({ statesLicensed: ["CA", "OR", "WA"] }))).toEqual([]);
  });
  it("does not match a merchant outside them, nor one whose state is not known", () => {
    expect(failed(product({ statesLicensed: ["CA", "WA"] }))).toEqual(["state"]);
    expect(
      checkProduct(product({ statesLicensed: ["CA", "WA"] }), application, { ...merchant, state: "LA" }),
    ).toEqual([{ criterion: "state", licensed: ["CA", "WA"], actual: "LA" }]);
    expect(failed(product({ statesLicensed: ["CA"] }), application, { ...merchant, state: null })).toEqual([
      "state",
    ]);
  });
  it("an empty list means the partner did not restrict its states", () => {
    expect(failed(product({ statesLicensed: [] }), application, { ...merchant, state: "LA" })).toEqual([]);
    expect(failed(product({ statesLicensed: [] }), application, { ...merchant, state: null })).toEqual([]);
  });
});

describe("export criteria are never skipped", () => {
  const noOrders: MatchApplication = { ...application, orders: [] };
  const anywhere = {
    countryMode: "ANY" as const,
    blockedCountries: [],
    maxOecdCategory: 7,
    acceptedPaymentTerms: [...PAYMENT_TERMS],
  };
  it("PO financing and factoring need at least one attached order", () => {
    for (const type of ["PO_FINANCING", "INVOICE_FACTORING"] as const) {
      expect(checkProduct(product({ type, ...anywhere }), noOrders, merchant)).toEqual([
        { criterion: "ordersRequired", productType: type },
      ]);
      expect(failed(product({ type, ...anywhere }))).toEqual([]);
    }
  });
  it("a line or loan without restrictions matches without an order", () => {
    for (const type of ["EXPORT_WORKING_CAPITAL", "TERM_LOAN"] as const)
      expect(failed(product({ type, ...anywhere }), noOrders)).toEqual([]);
  });
  it("each restricting criterion fails when no order is attached to check it", () => {
    const loan = (patch: Partial<MatchProduct>) => product({ type: "TERM_LOAN", ...anywhere, ...patch });
    expect(failed(loan({ countryMode: "ALLOWED_ONLY", allowedCountries: ["VN"] }), noOrders)).toEqual([
      "buyerCountry",
    ]);
    expect(failed(loan({ blockedCountries: ["RU"] }), noOrders)).toEqual(["buyerCountry"]);
    expect(failed(loan({ maxOecdCategory: 2 }), noOrders)).toEqual(["oecdCategory"]);
    expect(failed(loan({ acceptedPaymentTerms: ["LETTER_OF_CREDIT"] }), noOrders)).toEqual(["paymentTerm"]);
    expect(checkProduct(loan({ maxOecdCategory: 2 }), noOrders, merchant)).toEqual([
      { criterion: "oecdCategory", max: 2, country: null, category: null },
    ]);
  });
  it("the 'Vietnam only, OECD ≤ 2' product no longer matches an application without orders", () => {
    const vietNamOnly = product({
      id: "vn",
      type: "EXPORT_WORKING_CAPITAL",
      countryMode: "ALLOWED_ONLY",
      allowedCountries: ["VN"],
      maxOecdCategory: 2,
      acceptedPaymentTerms: [...PAYMENT_TERMS],
      priceMinBps: 100,
      priceMaxBps: 200,
    });
    const open = product({ id: "open", type: "TERM_LOAN", ...anywhere });
    const result = matchApplication(noOrders, merchant, [vietNamOnly, open]);
    expect(result.eligible.map((e) => e.productId)).toEqual(["open"]);
    expect(result.ineligible[0]?.failures.map((f) => f.criterion)).toEqual(["buyerCountry", "oecdCategory"]);
  });
  it("property: without orders, no product with an export restriction, and no order-backed product, matches", () => {
    fc.assert(
      fc.property(
        fc.record({
          type: fc.constantFrom(...PRODUCT_TYPES),
          countryMode: fc.constantFrom("ANY" as const, "ALLOWED_ONLY" as const),
          allowedCountries: fc.subarray(["JP", "VN", "CN"]),
          blockedCountries: fc.subarray(["RU", "IR"]),
          maxOecdCategory: fc.integer({ min: 0, max: 7 }),
          acceptedPaymentTerms: fc.subarray([...PAYMENT_TERMS], { minLength: 1 }),
        }),
        (fields) => {
          const p = product({ ...fields, minScore: 0, minMonthsInBusiness: 0, minAnnualRevenueCents: 0 });
          const restricted =
            fields.type === "PO_FINANCING" ||
            fields.type === "INVOICE_FACTORING" ||
            fields.countryMode === "ALLOWED_ONLY" ||
            fields.blockedCountries.length > 0 ||
            fields.maxOecdCategory < 7 ||
            fields.acceptedPaymentTerms.length < PAYMENT_TERMS.length;
          expect(checkProduct(p, noOrders, merchant).length === 0).toBe(!restricted);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("failures in plain words", () => {
  const texts = (p: MatchProduct, a = application, m = merchant) =>
    checkProduct(p, a, m).map((f) => describeFailure(f).text);
  it("formats money for people", () => {
    expect(texts(product({ maxAmountCents: 20_000_000 }))).toEqual([
      "The amount requested, $250,000, is above this product's maximum of $200,000.",
    ]);
    expect(
      describeFailure({ criterion: "annualRevenue", minCents: 250_000_050, actualCents: 120_000_000 }),
    ).toMatchObject({
      required: "At least $2,500,000.50 a year",
      actual: "$1,200,000 a year",
    });
  });
  it("names countries, states and payment terms instead of codes", () => {
    expect(
      texts(product({ countryMode: "ALLOWED_ONLY", allowedCountries: ["CN", "KR"] }), {
        ...application,
        orders: [{ buyerCountry: "VN", paymentTerm: "OPEN_ACCOUNT" }],
      }),
    ).toEqual(["This product finances only buyers in China and South Korea, not Vietnam."]);
    expect(
      texts(product({ maxOecdCategory: 3 }), {
        ...application,
        orders: [{ buyerCountry: "VN", paymentTerm: "OPEN_ACCOUNT" }],
      }),
    ).toEqual(["Vietnam is in OECD country risk category 4, above this product's maximum of 3."]);
    expect(texts(product({ acceptedPaymentTerms: ["CASH_IN_ADVANCE", "DOC_COLLECTION_DP"] }))).toEqual([
      'Payment term "Letter of credit" is not accepted by this product (it accepts Cash in advance and Documentary collection (D/P)).',
    ]);
    expect(
      texts(product({ statesLicensed: ["CA", "WA"] }), application, { ...merchant, state: "LA" }),
    ).toEqual([
      "The business is in Louisiana, where this lender is not licensed (it is licensed in California and Washington).",
    ]);
  });
  it("says when an order is needed to check a criterion", () => {
    const noOrders = { ...application, orders: [] };
    expect(texts(product({ type: "INVOICE_FACTORING" }), noOrders)).toEqual([
      "Export invoice factoring finances an order: it needs at least one attached export order.",
    ]);
    expect(
      texts(
        product({ type: "TERM_LOAN", maxOecdCategory: 2, acceptedPaymentTerms: ["LETTER_OF_CREDIT"] }),
        noOrders,
      ),
    ).toEqual([
      "Needs an attached export order to check the buyer's country risk (OECD country risk category 2 or lower).",
      "Needs an attached export order to check the payment term (accepted: Letter of credit).",
    ]);
  });
  it("gives every criterion a sentence without codes", () => {
    const everything = checkProduct(
      product({
        status: "PAUSED",
        orgStatus: "SUSPENDED",
        type: "TERM_LOAN",
        minAmountCents: 30_000_000,
        minScore: 800,
        minMonthsInBusiness: 120,
        minAnnualRevenueCents: 500_000_000,
        statesLicensed: ["NY"],
        blockedCountries: ["JP"],
        maxOecdCategory: 0,
        acceptedPaymentTerms: ["OPEN_ACCOUNT"],
        blockedNaicsPrefixes: ["3399"],
        maxTenorDays: 60,
      }),
      { ...application, productType: "INVOICE_FACTORING" },
      merchant,
    );
    // Every criterion but the two an attached Japanese order cannot fail (orders, OECD category 0).
    expect(new Set(everything.map((f) => f.criterion)).size).toBe(11);
    for (const failure of everything) {
      const described = describeFailure(failure);
      expect(described.text).not.toMatch(
        /\b(LETTER_OF_CREDIT|OPEN_ACCOUNT|TERM_LOAN|INVOICE_FACTORING|cents)\b/,
      );
      expect(described.text).toMatch(/\.$/);
    }
  });
  it("sums up for the merchant why no product would consider it, without naming one", () => {
    const result = matchApplication({ ...application, amountCents: 500_000_000 }, merchant, [
      product({ id: "a", maxAmountCents: 100_000_000 }),
      product({ id: "b", maxAmountCents: 200_000_000, minScore: 800 }),
    ]);
    expect(whyNotReasons(result)).toEqual([
      "The amount requested is above the maximum of every product available (the largest is $2,000,000).",
      "The Trade Readiness Score is below the minimum of 1 of 2 products.",
    ]);
    const noOrders = matchApplication({ ...application, orders: [] }, merchant, [product({ id: "a" })]);
    expect(whyNotReasons(noOrders)).toEqual([
      "The only product finances an export order and needs at least one attached.",
    ]);
  });
});
