// The admin's funnel reads what really happened to referrals: offers made, accepted and funded,
// per partner and per month, within the period asked for.
import { describe, expect, it } from "vitest";
import {
  createAdmin,
  createLenderOrg,
  createMerchant,
  createProduct,
  OPEN_TERM_LOAN,
  unique,
} from "#tests/factories";
import { platformFunnel } from "~/domain/admin/funnel.server";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";

async function referralIn(input: { orgId: string; productId: string; merchantId: string; referredAt: Date }) {
  const application = await prisma.application.create({
    data: {
      merchantId: input.merchantId,
      requestedAmountCents: 5_000_000,
      purpose: "Funnel test",
      productTypeWanted: "ANY",
      tenorDays: 90,
      status: "IN_REVIEW",
      submittedAt: input.referredAt,
    },
    select: { id: true },
  });
  return prisma.referral.create({
    data: {
      applicationId: application.id,
      lenderProductId: input.productId,
      lenderOrgId: input.orgId,
      fitRank: 1,
      status: "IN_REVIEW",
      createdAt: input.referredAt,
    },
    select: { id: true, applicationId: true },
  });
}

async function offerOn(
  referral: { id: string; applicationId: string },
  orgId: string,
  madeAt: Date,
  then: { accepted?: boolean; funded?: boolean } = {},
) {
  const offer = await prisma.offer.create({
    data: {
      referralId: referral.id,
      applicationId: referral.applicationId,
      lenderOrgId: orgId,
      productType: "TERM_LOAN",
      amountCents: 4_000_000,
      advanceRateBps: 10_000,
      interestRateBps: 2400,
      termDays: 360,
      paymentFrequency: "MONTHLY",
      paymentCount: 12,
      paymentAmountCents: 433_333,
      scheduleJson: "[]",
      fundsProvidedCents: 4_000_000,
      financeChargeCents: 1_200_000,
      totalRepaymentCents: 5_200_000,
      estimatedAprBps: 4000,
      prepaymentTerms: "None",
      expiresAt: new Date(madeAt.getTime() + 14 * 86_400_000),
      status: then.accepted ? "ACCEPTED" : "PENDING",
      acceptedAt: then.accepted ? new Date(madeAt.getTime() + 86_400_000) : null,
      createdAt: madeAt,
    },
    select: { id: true },
  });
  if (then.funded)
    await prisma.funding.create({
      data: {
        offerId: offer.id,
        fundedOn: new Date(madeAt.getTime() + 2 * 86_400_000),
        amountCents: 4_000_000,
        reference: "WIRE-1",
        recordedById: "system",
      },
    });
}

describe("admin funnel", () => {
  it("counts each step per partner and month of referral, and only within the period", async () => {
    const merchant = await createMerchant(prisma, {
      email: `${unique("fun")}@example.com`,
      userName: "Fun",
      password: PASSWORD,
      legalName: unique("Funnel Exports "),
    });
    const alpha = await createLenderOrg(prisma, { name: unique("Alpha Funnel ") });
    const beta = await createLenderOrg(prisma, { name: unique("Beta Funnel ") });
    const alphaLoan = await createProduct(prisma, { lenderOrgId: alpha.id, name: "Loan", ...OPEN_TERM_LOAN });
    const betaLoan = await createProduct(prisma, { lenderOrgId: beta.id, name: "Loan", ...OPEN_TERM_LOAN });
    const jan = new Date("2023-01-10T09:00:00Z");
    const feb = new Date("2023-02-03T09:00:00Z");
    const base = { merchantId: merchant.merchantId };
    const a1 = await referralIn({ ...base, orgId: alpha.id, productId: alphaLoan.id, referredAt: jan });
    await offerOn(a1, alpha.id, new Date(jan.getTime() + 6 * 3_600_000), { accepted: true, funded: true });
    const a2 = await referralIn({ ...base, orgId: alpha.id, productId: alphaLoan.id, referredAt: jan });
    await offerOn(a2, alpha.id, new Date(jan.getTime() + 30 * 3_600_000));
    await referralIn({ ...base, orgId: alpha.id, productId: alphaLoan.id, referredAt: feb });
    await referralIn({ ...base, orgId: beta.id, productId: betaLoan.id, referredAt: feb });
    // Outside the period asked for.
    await referralIn({
      ...base,
      orgId: beta.id,
      productId: betaLoan.id,
      referredAt: new Date("2023-03-01T00:00:00Z"),
    });

    const result = await platformFunnel(prisma, { from: "2023-01", to: "2023-02" });
    expect(result.total).toEqual({
      referred: 4,
      offered: 2,
      accepted: 1,
      funded: 1,
      medianHoursToFirstOffer: 18,
    });
    expect(result.byPartner.map((p) => [p.lenderName, p.referred, p.offered, p.accepted, p.funded])).toEqual([
      [alpha.name, 3, 2, 1, 1],
      [beta.name, 1, 0, 0, 0],
    ]);
    expect(result.byMonth.map((m) => [m.month, m.referred, m.offered])).toEqual([
      ["2023-01", 2, 2],
      ["2023-02", 2, 0],
    ]);

    const admin = await createAdmin(prisma, {
      email: `${unique("fa")}@tradelift.example`,
      name: "Fa",
      password: PASSWORD,
    });
    const page = await request("/admin/funnel?from=2023-01&to=2023-02", {
      cookie: await cookieFor(admin.id),
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(alpha.name);
    expect(html).toContain("Jan 23");
    expect(html).toContain("18 h");
    // A period typed backwards is read the right way round; junk falls back to the last year.
    expect(
      (await request("/admin/funnel?from=2023-02&to=2023-01", { cookie: await cookieFor(admin.id) })).status,
    ).toBe(200);
    expect(
      (await request("/admin/funnel?from=junk&to=2023-13", { cookie: await cookieFor(admin.id) })).status,
    ).toBe(200);
  });
});
