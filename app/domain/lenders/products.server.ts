// A lender's products, always scoped to the lender's own organisation.
import { recordAudit } from "~/domain/audit/audit.server";
import { minorToDecimalString } from "~/domain/money";
import type { Db } from "~/utils/db.server";
import { FEE_PRICED, type LenderProductInput, type ProductType } from "./products";

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

export async function createProduct(
  db: Db,
  input: { lenderOrgId: string; product: LenderProductInput; actor: Actor; ip: string },
) {
  return db.$transaction(async (tx) => {
    const created = await tx.lenderProduct.create({
      data: { lenderOrgId: input.lenderOrgId, status: "ACTIVE", ...productData(input.product) },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: "lender.product_created",
      entityType: "LenderProduct",
      entityId: created.id,
      summary: { name: input.product.name, type: input.product.type },
      ip: input.ip,
    });
    return created;
  });
}

export async function updateProduct(
  db: Db,
  input: { lenderOrgId: string; productId: string; product: LenderProductInput; actor: Actor; ip: string },
) {
  return db.$transaction(async (tx) => {
    const existing = await tx.lenderProduct.findFirst({
      where: { id: input.productId, lenderOrgId: input.lenderOrgId },
      select: { id: true, name: true, minScore: true },
    });
    if (!existing) return false;
    const data = productData(input.product);
    await tx.lenderProduct.update({ where: { id: existing.id }, data });
    await recordAudit(tx, {
      actor: input.actor,
      action: "lender.product_updated",
      entityType: "LenderProduct",
      entityId: existing.id,
      summary: {
        before: { name: existing.name, minScore: existing.minScore },
        after: { name: data.name, minScore: data.minScore },
      },
      ip: input.ip,
    });
    return true;
  });
}

export async function setProductStatus(
  db: Db,
  input: { lenderOrgId: string; productId: string; status: "ACTIVE" | "PAUSED"; actor: Actor; ip: string },
) {
  return db.$transaction(async (tx) => {
    const changed = await tx.lenderProduct.updateMany({
      where: {
        id: input.productId,
        lenderOrgId: input.lenderOrgId,
        status: input.status === "ACTIVE" ? "PAUSED" : "ACTIVE",
      },
      data: { status: input.status },
    });
    if (changed.count === 0) return false;
    await recordAudit(tx, {
      actor: input.actor,
      action: input.status === "ACTIVE" ? "lender.product_resumed" : "lender.product_paused",
      entityType: "LenderProduct",
      entityId: input.productId,
      ip: input.ip,
    });
    return true;
  });
}
