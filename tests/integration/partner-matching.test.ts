// A suspended (or pending) partner receives no referrals: matching loads only the active products
// of active partners, and the merchant's preview counts only those.
import { describe, expect, it } from "vitest";
import { createLenderOrg, createProduct, unique } from "#tests/factories";
import { loadMatchProducts, runMatching } from "~/domain/matching/matching.server";
import { prisma } from "~/utils/db.server";

function product(lenderOrgId: string, status: "ACTIVE" | "PAUSED" = "ACTIVE") {
  return createProduct(prisma, {
    lenderOrgId,
    name: unique("Product "),
    type: "PO_FINANCING",
    status,
    minAmountCents: 1_000_000,
    maxAmountCents: 100_000_000,
    minScore: 500,
    minMonthsInBusiness: 12,
    minAnnualRevenueCents: 10_000_000n,
    maxOecdCategory: 7,
    acceptedPaymentTerms: ["OPEN_ACCOUNT"],
    minTenorDays: 30,
    maxTenorDays: 180,
    advanceRateBps: 8500,
    feePer30DaysMinBps: 200,
    feePer30DaysMaxBps: 400,
  });
}

describe("matching follows partner and product status", () => {
  it("loads only the active products of active partners for referrals, and every product for explanations", async () => {
    const active = await createLenderOrg(prisma, { name: unique("Active ") });
    const suspended = await createLenderOrg(prisma, { name: unique("Suspended "), status: "SUSPENDED" });
    const pending = await createLenderOrg(prisma, { name: unique("Pending "), status: "PENDING" });
    const live = await product(active.id);
    const paused = await product(active.id, "PAUSED");
    const ofSuspended = await product(suspended.id);
    const ofPending = await product(pending.id);

    const eligibleIds = (await loadMatchProducts(prisma, { onlyActive: true })).map((p) => p.id);
    expect(eligibleIds).toContain(live.id);
    for (const excluded of [paused, ofSuspended, ofPending]) expect(eligibleIds).not.toContain(excluded.id);

    const all = (await loadMatchProducts(prisma)).map((p) => p.id);
    for (const id of [live.id, paused.id, ofSuspended.id, ofPending.id]) expect(all).toContain(id);

    const result = await runMatching(
      prisma,
      {
        amountCents: 5_000_000,
        productType: "ANY",
        tenorDays: 90,
        orders: [{ buyerCountry: "JP", paymentTerm: "OPEN_ACCOUNT" }],
      },
      { score: 800, monthsInBusiness: 60, annualRevenueCents: 500_000_000, naicsCode: "339920", state: "CA" },
    );
    const matched = result.eligible.map((e) => e.productId);
    expect(matched).toContain(live.id);
    for (const excluded of [paused, ofSuspended, ofPending]) expect(matched).not.toContain(excluded.id);
    expect(result.eligible.every((e) => e.lenderOrgId !== suspended.id)).toBe(true);
  });
});
