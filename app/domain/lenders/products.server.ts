// A lender's products, always scoped to the lender's own organisation.
import { changedFields, recordAudit } from "~/domain/audit/audit.server";
import { minorToDecimalString } from "~/domain/money";
import { createInStatus, transition } from "~/domain/workflow/transition.server";
import type { Db } from "~/utils/db.server";
import { assertPartnerNotSuspended } from "./lenders.server";
import { FEE_PRICED, type LenderProductInput, type ProductType } from "./products";
import { PRODUCT_WORKFLOW } from "./workflow";

type Actor = { id: string; role: string };

const split = (value: string) => (value ? value.split(",") : []);
const bpsToPercent = (bps: number | null) =>
  bps === null ? "" : (bps / 100).toFixed(2).replace(/\.?0+$/, "");

export async function listProducts(db: Db, lenderOrgId: string) {
  return db.lenderProduct.findMany({
    where: { lenderOrgId },
    orderBy: [{ status: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      type: true,
      status: true,
      minAmountCents: true,
      maxAmountCents: true,
      minScore: true,
      minTenorDays: true,
      maxTenorDays: true,
      aprMinBps: true,
      aprMaxBps: true,
      feePer30DaysMinBps: true,
      feePer30DaysMaxBps: true,
      _count: { select: { referrals: true } },
    },
  });
}

export async function getProductForm(db: Db, lenderOrgId: string, productId: string) {
  const p = await db.lenderProduct.findFirst({ where: { id: productId, lenderOrgId } });
  if (!p) return null;
  const fee = FEE_PRICED.has(p.type as ProductType);
  return {
    id: p.id,
    status: p.status,
    values: {
      name: p.name,
      type: p.type,
      description: p.description ?? "",
      minAmount: minorToDecimalString(p.minAmountCents),
      maxAmount: minorToDecimalString(p.maxAmountCents),
      minScore: String(p.minScore),
      minMonthsInBusiness: String(p.minMonthsInBusiness),
      minAnnualRevenue: minorToDecimalString(p.minAnnualRevenueCents),
      countryMode: p.countryMode,
      allowedCountries: split(p.allowedCountries),
      blockedCountries: split(p.blockedCountries),
      maxOecdCategory: String(p.maxOecdCategory),
      acceptedPaymentTerms: split(p.acceptedPaymentTerms),
      blockedNaicsPrefixes: split(p.blockedNaicsPrefixes).join(", "),
      minTenorDays: String(p.minTenorDays),
      maxTenorDays: String(p.maxTenorDays),
      advanceRate: bpsToPercent(p.advanceRateBps),
      priceMin: bpsToPercent(fee ? p.feePer30DaysMinBps : p.aprMinBps),
      priceMax: bpsToPercent(fee ? p.feePer30DaysMaxBps : p.aprMaxBps),
    },
  };
}

function productData(input: LenderProductInput) {
  const fee = FEE_PRICED.has(input.type);
  return {
    name: input.name,
    type: input.type,
    description: input.description || null,
    minAmountCents: Number(input.minAmount),
    maxAmountCents: Number(input.maxAmount),
    minScore: input.minScore,
    minMonthsInBusiness: input.minMonthsInBusiness,
    minAnnualRevenueCents: input.minAnnualRevenue,
    countryMode: input.countryMode,
    allowedCountries: input.countryMode === "ALLOWED_ONLY" ? input.allowedCountries.join(",") : "",
    blockedCountries: input.blockedCountries.join(","),
    maxOecdCategory: input.maxOecdCategory,
    acceptedPaymentTerms: input.acceptedPaymentTerms.join(","),
    blockedNaicsPrefixes: input.blockedNaicsPrefixes.join(","),
    minTenorDays: input.minTenorDays,
    maxTenorDays: input.maxTenorDays,
    advanceRateBps: input.advanceRate,
    feePer30DaysMinBps: fee ? input.priceMin : null,
    feePer30DaysMaxBps: fee ? input.priceMax : null,
    aprMinBps: fee ? null : input.priceMin,
    aprMaxBps: fee ? null : input.priceMax,
  };
}

/** The criteria and terms of a product that an audit event compares before and after. */
const AUDITED_FIELDS = [
  "name",
  "type",
  "minAmountCents",
  "maxAmountCents",
  "minScore",
  "minMonthsInBusiness",
  "minAnnualRevenueCents",
  "countryMode",
  "allowedCountries",
  "blockedCountries",
  "maxOecdCategory",
  "acceptedPaymentTerms",
  "blockedNaicsPrefixes",
  "minTenorDays",
  "maxTenorDays",
  "advanceRateBps",
  "aprMinBps",
  "aprMaxBps",
  "feePer30DaysMinBps",
  "feePer30DaysMaxBps",
  "description",
] as const;

type AuditedValues = Record<(typeof AUDITED_FIELDS)[number], unknown>;

const AUDITED_SELECT = Object.fromEntries(AUDITED_FIELDS.map((field) => [field, true])) as Record<
  (typeof AUDITED_FIELDS)[number],
  true
>;

export async function createProduct(
  db: Db,
  input: { lenderOrgId: string; product: LenderProductInput; actor: Actor; ip: string },
) {
  return db.$transaction(async (tx) => {
    await assertPartnerNotSuspended(tx, input.lenderOrgId, "you cannot add products");
    const data = productData(input.product);
    return createInStatus(tx, PRODUCT_WORKFLOW, {
      status: "ACTIVE",
      data: { lenderOrgId: input.lenderOrgId, ...data },
      actor: input.actor,
      ip: input.ip,
      action: "lender.product_created",
      summary: { lenderOrgId: input.lenderOrgId, criteria: pick(data) },
    });
  });
}

function pick(data: AuditedValues): AuditedValues {
  return Object.fromEntries(AUDITED_FIELDS.map((field) => [field, data[field]])) as AuditedValues;
}

/** Saves a product's criteria; false when it is not the lender's (the caller answers 404). */
export async function updateProduct(
  db: Db,
  input: { lenderOrgId: string; productId: string; product: LenderProductInput; actor: Actor; ip: string },
) {
  return db.$transaction(async (tx) => {
    const existing = await tx.lenderProduct.findFirst({
      where: { id: input.productId, lenderOrgId: input.lenderOrgId },
      select: { id: true, ...AUDITED_SELECT },
    });
    if (!existing) return false;
    await assertPartnerNotSuspended(tx, input.lenderOrgId, "you cannot change products");
    const data = productData(input.product);
    await tx.lenderProduct.update({ where: { id: existing.id }, data });
    await recordAudit(tx, {
      actor: input.actor,
      action: "lender.product_updated",
      entityType: "LenderProduct",
      entityId: existing.id,
      summary: { changed: changedFields(AUDITED_FIELDS, existing, data) },
      ip: input.ip,
    });
    return true;
  });
}

export type ProductStatusOutcome =
  | { ok: true }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "conflict"; message: string };

/** Pauses or resumes one of the lender's products through its table. */
export async function setProductStatus(
  db: Db,
  input: { lenderOrgId: string; productId: string; status: "ACTIVE" | "PAUSED"; actor: Actor; ip: string },
): Promise<ProductStatusOutcome> {
  return db.$transaction(async (tx) => {
    const product = await tx.lenderProduct.findFirst({
      where: { id: input.productId, lenderOrgId: input.lenderOrgId },
      select: { id: true },
    });
    if (!product) return { ok: false, reason: "not-found" };
    await assertPartnerNotSuspended(tx, input.lenderOrgId, "you cannot pause or resume products");
    const moved = await transition(tx, PRODUCT_WORKFLOW, {
      id: input.productId,
      scope: { lenderOrgId: input.lenderOrgId },
      to: input.status,
      actor: input.actor,
      ip: input.ip,
      action: input.status === "ACTIVE" ? "lender.product_resumed" : "lender.product_paused",
    });
    if (moved.ok) return { ok: true };
    return moved.reason === "not-found" ? moved : { ok: false, reason: "conflict", message: moved.message };
  });
}
