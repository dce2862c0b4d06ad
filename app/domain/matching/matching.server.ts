// Loads what matching needs from the database and runs the pure matcher.
import { FEE_PRICED, type ProductType } from "~/domain/lenders/products";
import { monthsInBusiness } from "~/domain/merchants/profile";
import type { Db } from "~/utils/db.server";
import {
  type MatchApplication,
  type MatchMerchant,
  type MatchProduct,
  type MatchResult,
  matchApplication,
} from "./match";

const split = (value: string) => (value ? value.split(",") : []);

/**
 * Products with their partner's status: with `onlyActive`, only the active products of active
 * partners (what referrals and the merchant's preview use: a suspended or pending partner
 * receives nothing); without it every product, so that an admin sees why one did not match.
 */
export async function loadMatchProducts(
  db: Pick<Db, "lenderProduct">,
  where: { onlyActive?: boolean } = {},
): Promise<MatchProduct[]> {
  const rows = await db.lenderProduct.findMany({
    where: where.onlyActive ? { status: "ACTIVE", lenderOrg: { status: "ACTIVE" } } : {},
    orderBy: { id: "asc" },
    select: {
      id: true,
      lenderOrgId: true,
      type: true,
      status: true,
      minAmountCents: true,
      maxAmountCents: true,
      minScore: true,
      minMonthsInBusiness: true,
      minAnnualRevenueCents: true,
      countryMode: true,
      allowedCountries: true,
      blockedCountries: true,
      maxOecdCategory: true,
      acceptedPaymentTerms: true,
      blockedNaicsPrefixes: true,
      minTenorDays: true,
      maxTenorDays: true,
      advanceRateBps: true,
      aprMinBps: true,
      aprMaxBps: true,
      feePer30DaysMinBps: true,
      feePer30DaysMaxBps: true,
      lenderOrg: { select: { status: true, statesLicensed: true } },
    },
  });
  return rows.map((p) => {
    const fee = FEE_PRICED.has(p.type as ProductType);
    return {
      id: p.id,
      lenderOrgId: p.lenderOrgId,
      type: p.type as ProductType,
      status: p.status,
      orgStatus: p.lenderOrg.status,
      statesLicensed: split(p.lenderOrg.statesLicensed),
      minAmountCents: p.minAmountCents,
      maxAmountCents: p.maxAmountCents,
      minScore: p.minScore,
      minMonthsInBusiness: p.minMonthsInBusiness,
      minAnnualRevenueCents: Number(p.minAnnualRevenueCents),
      countryMode: p.countryMode === "ALLOWED_ONLY" ? "ALLOWED_ONLY" : "ANY",
      allowedCountries: split(p.allowedCountries),
      blockedCountries: split(p.blockedCountries),
      maxOecdCategory: p.maxOecdCategory,
      acceptedPaymentTerms: split(p.acceptedPaymentTerms),
      blockedNaicsPrefixes: split(p.blockedNaicsPrefixes),
      minTenorDays: p.minTenorDays,
      maxTenorDays: p.maxTenorDays,
      advanceRateBps: p.advanceRateBps,
      priceMinBps: (fee ? p.feePer30DaysMinBps : p.aprMinBps) ?? 0,
      priceMaxBps: (fee ? p.feePer30DaysMaxBps : p.aprMaxBps) ?? 0,
    };
  });
}

/**
 * The merchant as matching sees it: its score, months in business (full months from the 1st of
 * the founding month; unknown when the month or year is missing), annual revenue (from the bank evidence when there is a score,
 * else the self-reported figure), industry, and the business address's state (where licensing is
 * checked; the state of incorporation does not count, docs/design/matching.md).
 */
export function matchMerchantFrom(input: {
  score: number | null;
  avgMonthlyRevenueCents: number | null;
  yearFounded: number | null;
  monthFounded: number | null;
  annualRevenueCents: bigint | null;
  naicsCode: string | null;
  addressState: string | null;
  today: Date;
}): MatchMerchant {
  const months = monthsInBusiness(input, input.today);
  const evidenced =
    input.score !== null && input.avgMonthlyRevenueCents !== null ? input.avgMonthlyRevenueCents * 12 : null;
  return {
    score: input.score,
    monthsInBusiness: months,
    annualRevenueCents: evidenced ?? Number(input.annualRevenueCents ?? 0n),
    naicsCode: input.naicsCode,
    state: input.addressState || null,
  };
}

/** Matches against the products that may receive referrals now (the merchant's preview). */
export async function runMatching(
  db: Db,
  application: MatchApplication,
  merchant: MatchMerchant,
): Promise<MatchResult> {
  return matchApplication(application, merchant, await loadMatchProducts(db, { onlyActive: true }));
}

/** How many lending partners (not which) would consider an application. */
export function partnersConsidering(result: MatchResult): { partners: number; products: number } {
  return {
    partners: new Set(result.eligible.map((e) => e.lenderOrgId)).size,
    products: result.eligible.length,
  };
}
