// Matching an application with lender products (docs/design/matching.md). Pure: hard criteria decide who is
// eligible (none is skipped for want of data: what cannot be checked fails); eligible products are
// ranked by fit; every ineligible product keeps the criteria it failed, with the values compared,
// so an admin or the merchant can be told why (why-not.ts puts them in plain words).
import { FEE_PRICED, type ProductType } from "~/domain/lenders/products";
import { PAYMENT_TERMS } from "~/domain/orders/orders";
import { pricingOecdCategory } from "~/domain/reference/countries";
import { isEmbargoed } from "~/domain/sanctions/embargo";

export type MatchProduct = {
  id: string;
  lenderOrgId: string;
  type: ProductType;
  status: string;
  orgStatus: string;
  /** USPS codes of the states the partner is licensed in; empty when it did not restrict them. */
  statesLicensed: readonly string[];
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
  orders: readonly { buyerCountry: string; buyerRegion?: string | null; paymentTerm: string }[];
};

export type MatchMerchant = {
  score: number | null;
  monthsInBusiness: number | null;
  annualRevenueCents: number;
  naicsCode: string | null;
  /** The USPS code of the business address's state (not the state of incorporation). */
  state: string | null;
};

export type Criterion = Failure["criterion"];

/**
 * A criterion not met, with the values compared as data (cents, codes, counts): matching stays
 * fast, and `describeFailure` (why-not.ts) puts them in plain words for people. An export
 * criterion checked with no order attached has `country`/`term` null.
 */
export type Failure =
  | { criterion: "status"; productStatus: string; lenderStatus: string }
  | { criterion: "productType"; productType: ProductType; wanted: ProductType }
  | { criterion: "amount"; minCents: number; maxCents: number; actualCents: number }
  | { criterion: "score"; min: number; actual: number | null }
  | { criterion: "monthsInBusiness"; min: number; actual: number | null }
  | { criterion: "annualRevenue"; minCents: number; actualCents: number }
  | { criterion: "state"; licensed: readonly string[]; actual: string | null }
  | { criterion: "ordersRequired"; productType: ProductType }
  | {
      criterion: "buyerCountry";
      countryMode: "ANY" | "ALLOWED_ONLY";
      allowed: readonly string[];
      blocked: readonly string[];
      country: string | null;
    }
  | { criterion: "embargo"; country: string; region: string | null }
  | { criterion: "oecdCategory"; max: number; country: string | null; category: number | null }
  | { criterion: "paymentTerm"; accepted: readonly string[]; term: string | null }
  | { criterion: "industry"; blockedPrefix: string; naicsCode: string }
  | { criterion: "tenor"; minDays: number; maxDays: number; actualDays: number };

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

/** The highest OECD category, where unknown countries are priced: a maximum of 7 restricts nothing. */
export const UNKNOWN_CATEGORY = 7;
/** Financing an order's own proceeds: it has nothing to finance without an attached order. */
export const ORDER_BACKED: ReadonlySet<ProductType> = new Set(["PO_FINANCING", "INVOICE_FACTORING"]);

/** Which export criteria of a product restrict something (and so need an order to be checked). */
export function exportRestrictions(product: MatchProduct) {
  return {
    countries: product.countryMode === "ALLOWED_ONLY" || product.blockedCountries.length > 0,
    oecd: product.maxOecdCategory < UNKNOWN_CATEGORY,
    terms: PAYMENT_TERMS.some((term) => !product.acceptedPaymentTerms.includes(term)),
  };
}

export function checkProduct(
  product: MatchProduct,
  application: MatchApplication,
  merchant: MatchMerchant,
): Failure[] {
  const failures: Failure[] = [];
  if (product.status !== "ACTIVE" || product.orgStatus !== "ACTIVE") {
    failures.push({ criterion: "status", productStatus: product.status, lenderStatus: product.orgStatus });
  }
  if (application.productType !== "ANY" && application.productType !== product.type) {
    failures.push({ criterion: "productType", productType: product.type, wanted: application.productType });
  }
  if (application.amountCents < product.minAmountCents || application.amountCents > product.maxAmountCents) {
    failures.push({
      criterion: "amount",
      minCents: product.minAmountCents,
      maxCents: product.maxAmountCents,
      actualCents: application.amountCents,
    });
  }
  if (merchant.score === null || merchant.score < product.minScore) {
    failures.push({ criterion: "score", min: product.minScore, actual: merchant.score });
  }
  if (merchant.monthsInBusiness === null || merchant.monthsInBusiness < product.minMonthsInBusiness) {
    failures.push({
      criterion: "monthsInBusiness",
      min: product.minMonthsInBusiness,
      actual: merchant.monthsInBusiness,
    });
  }
  if (merchant.annualRevenueCents < product.minAnnualRevenueCents) {
    failures.push({
      criterion: "annualRevenue",
      minCents: product.minAnnualRevenueCents,
      actualCents: merchant.annualRevenueCents,
    });
  }
  // An empty list: the partner did not restrict the states it lends in (docs/design/matching.md).
  if (
    product.statesLicensed.length > 0 &&
    (merchant.state === null || !product.statesLicensed.includes(merchant.state))
  ) {
    failures.push({ criterion: "state", licensed: product.statesLicensed, actual: merchant.state });
  }
  if (application.orders.length === 0) {
    if (ORDER_BACKED.has(product.type))
      failures.push({ criterion: "ordersRequired", productType: product.type });
    else checkWithoutOrder(product, failures);
  }
  for (const order of application.orders) {
    // No product may finance an order to an embargoed destination (docs/design/sanctions.md).
    if (isEmbargoed(order)) {
      failures.push({ criterion: "embargo", country: order.buyerCountry, region: order.buyerRegion ?? null });
    }
    const allowed = product.countryMode === "ANY" || product.allowedCountries.includes(order.buyerCountry);
    if (!allowed || product.blockedCountries.includes(order.buyerCountry)) {
      failures.push({
        criterion: "buyerCountry",
        countryMode: product.countryMode,
        allowed: product.allowedCountries,
        blocked: product.blockedCountries,
        country: order.buyerCountry,
      });
    }
    const category = pricingOecdCategory(order.buyerCountry) ?? UNKNOWN_CATEGORY;
    if (category > product.maxOecdCategory) {
      failures.push({
        criterion: "oecdCategory",
        max: product.maxOecdCategory,
        country: order.buyerCountry,
        category,
      });
    }
    if (!product.acceptedPaymentTerms.includes(order.paymentTerm)) {
      failures.push({
        criterion: "paymentTerm",
        accepted: product.acceptedPaymentTerms,
        term: order.paymentTerm,
      });
    }
  }
  const naics = merchant.naicsCode ?? "";
  const blocked = product.blockedNaicsPrefixes.find((prefix) => naics.startsWith(prefix));
  if (blocked) failures.push({ criterion: "industry", blockedPrefix: blocked, naicsCode: naics });
  if (application.tenorDays < product.minTenorDays || application.tenorDays > product.maxTenorDays) {
    failures.push({
      criterion: "tenor",
      minDays: product.minTenorDays,
      maxDays: product.maxTenorDays,
      actualDays: application.tenorDays,
    });
  }
  return failures;
}

/**
 * A line or loan asked for without an order: each export criterion that restricts something
 * cannot be shown to be met, so it fails (never silently passes) with no country or term.
 */
function checkWithoutOrder(product: MatchProduct, failures: Failure[]) {
  const restricts = exportRestrictions(product);
  if (restricts.countries)
    failures.push({
      criterion: "buyerCountry",
      countryMode: product.countryMode,
      allowed: product.allowedCountries,
      blocked: product.blockedCountries,
      country: null,
    });
  if (restricts.oecd)
    failures.push({ criterion: "oecdCategory", max: product.maxOecdCategory, country: null, category: null });
  if (restricts.terms)
    failures.push({ criterion: "paymentTerm", accepted: product.acceptedPaymentTerms, term: null });
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
