// Matching an application with lender products (docs/design/matching.md). Pure: hard criteria decide who is
// eligible; eligible products are ranked by fit; every ineligible product keeps the criteria it
// failed, with the values compared, so an admin can say why no lender saw an application.
import { FEE_PRICED, type ProductType } from "~/domain/lenders/products";
import { pricingOecdCategory } from "~/domain/reference/countries";

export type MatchProduct = {
  id: string;
  lenderOrgId: string;
  type: ProductType;
  status: string;
  orgStatus: string;
  minAmountCents: number;
  maxAmountCents: number;
  minScore: number;
  minMonthsInBusiness: number;
  minAnnualRevenueCents: number;
  countryMode: "ANY" | "ALLOWED_ONLY";
  allowedCountries: readonly string[];
  blockedCountries: readonly string[];
  maxOecdCategory: number;
  acceptedPaymentTerms: readonly string[];
  blockedNaicsPrefixes: readonly string[];
  minTenorDays: number;
  maxTenorDays: number;
  advanceRateBps: number;
  /** The price range: fee per 30 days (PO financing, factoring) or APR (lines, loans), in bps. */
  priceMinBps: number;
  priceMaxBps: number;
};

export type MatchApplication = {
  amountCents: number;
  productType: ProductType | "ANY";
  tenorDays: number;
  orders: readonly { buyerCountry: string; paymentTerm: string }[];
};

export type MatchMerchant = {
  score: number | null;
  monthsInBusiness: number | null;
  annualRevenueCents: number;
  naicsCode: string | null;
};

export type Criterion =
  | "status"
  | "productType"
  | "amount"
  | "score"
  | "monthsInBusiness"
  | "annualRevenue"
  | "buyerCountry"
  | "oecdCategory"
  | "paymentTerm"
  | "industry"
  | "tenor";

export type Failure = { criterion: Criterion; expected: string; actual: string };

export type EligibleProduct = {
  productId: string;
  lenderOrgId: string;
  rank: number;
  /** Indicative annualised cost for this merchant, to rank across product types. */
  indicativeAprBps: number;
  /** The merchant's own price inside the product's range (fee per 30 days or APR), in bps. */
  indicativePriceBps: number;
  scoreHeadroom: number;
  /** Requested amount ÷ the product's largest amount: lower leaves the lender more room. */
  amountUse: number;
};

export type MatchResult = {
  eligible: EligibleProduct[];
  ineligible: { productId: string; lenderOrgId: string; failures: Failure[] }[];
};

const UNKNOWN_CATEGORY = 7;

export function checkProduct(
  product: MatchProduct,
  application: MatchApplication,
  merchant: MatchMerchant,
): Failure[] {
  const failures: Failure[] = [];
  if (product.status !== "ACTIVE" || product.orgStatus !== "ACTIVE") {
    failures.push({
      criterion: "status",
      expected: "active product of an active lender",
      actual: `product ${product.status.toLowerCase()}, lender ${product.orgStatus.toLowerCase()}`,
    });
  }
  if (application.productType !== "ANY" && application.productType !== product.type) {
    failures.push({ criterion: "productType", expected: product.type, actual: application.productType });
  }
  if (application.amountCents < product.minAmountCents || application.amountCents > product.maxAmountCents) {
    failures.push({
      criterion: "amount",
      expected: `${product.minAmountCents}–${product.maxAmountCents} cents`,
      actual: `${application.amountCents} cents`,
    });
  }
  if (merchant.score === null || merchant.score < product.minScore) {
    failures.push({
      criterion: "score",
      expected: `≥ ${product.minScore}`,
      actual: merchant.score === null ? "not scoreable" : String(merchant.score),
    });
  }
  if (merchant.monthsInBusiness === null || merchant.monthsInBusiness < product.minMonthsInBusiness) {
    failures.push({
      criterion: "monthsInBusiness",
      expected: `≥ ${product.minMonthsInBusiness}`,
      actual: merchant.monthsInBusiness === null ? "unknown" : String(merchant.monthsInBusiness),
    });
  }
  if (merchant.annualRevenueCents < product.minAnnualRevenueCents) {
    failures.push({
      criterion: "annualRevenue",
      expected: `≥ ${product.minAnnualRevenueCents} cents`,
      actual: `${merchant.annualRevenueCents} cents`,
    });
  }
  for (const order of application.orders) {
    const allowed = product.countryMode === "ANY" || product.allowedCountries.includes(order.buyerCountry);
    if (!allowed || product.blockedCountries.includes(order.buyerCountry)) {
      failures.push({
        criterion: "buyerCountry",
        expected:
          product.countryMode === "ANY"
            ? `not ${product.blockedCountries.join(", ")}`
            : `one of ${product.allowedCountries.join(", ")}`,
        actual: order.buyerCountry,
      });
    }
    const category = pricingOecdCategory(order.buyerCountry) ?? UNKNOWN_CATEGORY;
    if (category > product.maxOecdCategory) {
      failures.push({
        criterion: "oecdCategory",
        expected: `≤ ${product.maxOecdCategory}`,
        actual: `${order.buyerCountry}: ${category}`,
      });
    }
    if (!product.acceptedPaymentTerms.includes(order.paymentTerm)) {
      failures.push({
        criterion: "paymentTerm",
        expected: product.acceptedPaymentTerms.join(", "),
        actual: order.paymentTerm,
      });
    }
  }
  const naics = merchant.naicsCode ?? "";
  const blocked = product.blockedNaicsPrefixes.find((prefix) => naics.startsWith(prefix));
  if (blocked)
    failures.push({ criterion: "industry", expected: `NAICS not starting ${blocked}`, actual: naics });
  if (application.tenorDays < product.minTenorDays || application.tenorDays > product.maxTenorDays) {
    failures.push({
      criterion: "tenor",
      expected: `${product.minTenorDays}–${product.maxTenorDays} days`,
      actual: `${application.tenorDays} days`,
    });
  }
  return failures;
}

/**
 * The merchant's price inside the product's range: the lowest price at a perfect score, the
 * highest at the product's minimum score, straight in between.
 */
export function indicativePriceBps(product: MatchProduct, score: number): number {
  const span = 1000 - product.minScore;
  const strength = span <= 0 ? 1 : Math.min(1, Math.max(0, (score - product.minScore) / span));
  return Math.round(product.priceMaxBps - (product.priceMaxBps - product.priceMinBps) * strength);
}

/** Annualised: a fee per 30 days on the money advanced is fee ÷ advance × 365 ÷ 30. */
export function indicativeAprBps(product: MatchProduct, priceBps: number): number {
  if (!FEE_PRICED.has(product.type)) return priceBps;
  return Math.round(((priceBps / product.advanceRateBps) * 365 * 10_000) / 30);
}

export function matchApplication(
  application: MatchApplication,
  merchant: MatchMerchant,
  products: readonly MatchProduct[],
): MatchResult {
  const eligible: Omit<EligibleProduct, "rank">[] = [];
  const ineligible: MatchResult["ineligible"] = [];
  for (const product of products) {
    const failures = checkProduct(product, application, merchant);
    if (failures.length > 0) {
      ineligible.push({ productId: product.id, lenderOrgId: product.lenderOrgId, failures });
      continue;
    }
    const score = merchant.score ?? 0;
    const price = indicativePriceBps(product, score);
    eligible.push({
      productId: product.id,
      lenderOrgId: product.lenderOrgId,
      indicativePriceBps: price,
      indicativeAprBps: indicativeAprBps(product, price),
      scoreHeadroom: score - product.minScore,
      amountUse: Math.round((application.amountCents / product.maxAmountCents) * 10_000) / 10_000,
    });
  }
  // Cheapest for the merchant first; then the most headroom over the lender's minimum score;
  // then the best amount fit; then the product id, so that ties always break the same way.
  eligible.sort(
    (a, b) =>
      a.indicativeAprBps - b.indicativeAprBps ||
      b.scoreHeadroom - a.scoreHeadroom ||
      a.amountUse - b.amountUse ||
      (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0),
  );
  return { eligible: eligible.map((e, i) => ({ ...e, rank: i + 1 })), ineligible };
}
