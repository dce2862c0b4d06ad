// Matching one application against 5,000 products, against a bare loop over the same products.
import { PRODUCT_TYPES } from "~/domain/lenders/products";
import { type MatchProduct, matchApplication } from "~/domain/matching/match";
import { PAYMENT_TERMS } from "~/domain/orders/orders";
import { type BenchRow, timingRow } from "./row";
import { time } from "./timing";

export function manyProducts(count = 5000): MatchProduct[] {
  const countries = ["JP", "CN", "KR", "VN", "IN", "TW", "SG", "TH", "ID", "MY"];
  return Array.from({ length: count }, (_, i) => ({
    id: `p${String(i).padStart(5, "0")}`,
    lenderOrgId: `l${i % 50}`,
    type: PRODUCT_TYPES[i % PRODUCT_TYPES.length] ?? "TERM_LOAN",
    status: i % 17 === 0 ? "PAUSED" : "ACTIVE",
    orgStatus: i % 23 === 0 ? "SUSPENDED" : "ACTIVE",
    statesLicensed: i % 4 === 0 ? ["CA", "OR", "WA", "NY", "TX"] : [],
    minAmountCents: 1_000_000 * (i % 10),
    maxAmountCents: 50_000_000 + 1_000_000 * (i % 300),
    minScore: 300 + (i % 500),
    minMonthsInBusiness: i % 48,
    minAnnualRevenueCents: 10_000_000 * (i % 20),
    countryMode: i % 3 === 0 ? "ALLOWED_ONLY" : "ANY",
    allowedCountries: countries.slice(0, 3 + (i % 7)),
    blockedCountries: i % 5 === 0 ? ["RU", "IR"] : [],
    maxOecdCategory: i % 8,
    acceptedPaymentTerms: PAYMENT_TERMS.slice(0, 1 + (i % PAYMENT_TERMS.length)),
    blockedNaicsPrefixes: i % 11 === 0 ? ["1113"] : [],
    minTenorDays: 30,
    maxTenorDays: 90 + (i % 400),
    advanceRateBps: 8000 + (i % 20) * 100,
    priceMinBps: 100 + (i % 300),
    priceMaxBps: 500 + (i % 900),
  }));
}

export function matchingBenchmarks(): BenchRow[] {
  const products = manyProducts();
  const application = {
    amountCents: 25_000_000,
    productType: "ANY" as const,
    tenorDays: 120,
    orders: [
      { buyerCountry: "JP", paymentTerm: "LETTER_OF_CREDIT" },
      { buyerCountry: "CN", paymentTerm: "CASH_IN_ADVANCE" },
    ],
  };
  const merchant = {
    score: 720,
    monthsInBusiness: 60,
    annualRevenueCents: 120_000_000,
    naicsCode: "339920",
    state: "CA",
  };
  const referenceMedianMs = time(() => {
    let n = 0;
    for (const p of products) if (p.status === "ACTIVE" && p.minScore <= 720) n += 1;
    return n;
  }, 50);
  return [
    timingRow({
      name: "match one application against 5,000 products",
      medianMs: time(() => matchApplication(application, merchant, products), 50),
      referenceName: "bare loop over the same products",
      referenceMedianMs,
      targetMs: 5,
    }),
    timingRow({
      name: "the same without an attached order",
      medianMs: time(() => matchApplication({ ...application, orders: [] }, merchant, products), 50),
      referenceName: "bare loop over the same products",
      referenceMedianMs,
      targetMs: 5,
    }),
  ];
}
