import { describe, expect, it } from "vitest";
import {
  createAdmin,
  createLenderOrg,
  createLenderUser,
  createMerchant,
  createProduct,
  OPEN_TERM_LOAN,
  unique,
} from "#tests/factories";
import { getReferralForLender } from "~/domain/referrals/referrals.server";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const ANSWERS = {
  womenOwned: "YES",
  minorityOwned: "YES",
  lgbtqiOwned: "DECLINED",
  ownerEthnicity: "HISPANIC_OR_LATINO",
  ownerRace: "NATIVE_HAWAIIAN_OR_PACIFIC_ISLANDER",
  ownerSex: "FEMALE",
};

describe("Section 1071-style demographic answers", () => {
  it("are optional, validated, stored apart, shown to admins only in totals, and never reach a lender", async () => {
    const merchant = await createMerchant(prisma, {
      email: `${unique("d")}@example.com`,
      userName: "D",
      password: "correct horse battery staple",
      legalName: unique("Demographic Exports "),
      complete: true,
    });
    const cookie = await cookieFor(merchant.userId);
    expect(
      (await request("/merchant/demographics", { cookie, form: { ...ANSWERS, ownerRace: "MARTIAN" } }))
        .status,
    ).toBe(400);
    expect(await prisma.demographicResponse.count({ where: { merchantId: merchant.merchantId } })).toBe(0);
    expect((await request("/merchant/demographics", { cookie, form: ANSWERS })).status).toBe(302);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "merchant.demographics_saved", entityId: merchant.merchantId },
      select: { summaryJson: true },
    });
    expect(audit.summaryJson).not.toContain("HISPANIC");

    // A lender reviewing this merchant's application sees none of it.
    const org = await createLenderOrg(prisma, { name: unique("Blind Lender ") });
    const product = await createProduct(prisma, {
      lenderOrgId: org.id,
      name: "Loan",
      ...OPEN_TERM_LOAN,
    });
    const application = await prisma.application.create({
      data: {
        merchantId: merchant.merchantId,
        requestedAmountCents: 5_000_000,
        purpose: "Demographic isolation",
        productTypeWanted: "ANY",
        tenorDays: 90,
        status: "SUBMITTED",
        submittedAt: new Date(),
      },
      select: { id: true },
    });
    const referral = await prisma.referral.create({
      data: {
        applicationId: application.id,
        lenderProductId: product.id,
        lenderOrgId: org.id,
        fitRank: 1,
        status: "NEW",
      },
      select: { id: true },
    });
    const lender = await createLenderUser(prisma, {
      lenderOrgId: org.id,
      email: `${unique("bl")}@l.example`,
      name: "Blind",
      password: "correct horse battery staple",
      lenderRole: "ADMIN",
    });
    const lenderCookie = await cookieFor(lender.id);
    for (const path of [`/lender/referrals/${referral.id}`, "/lender"]) {
      const html = await (await request(path, { cookie: lenderCookie })).text();
      for (const leak of [
        "Hispanic",
        "Native Hawaiian",
        "women-owned",
        "Female",
        "HISPANIC_OR_LATINO",
        "NATIVE_HAWAIIAN",
      ])
        expect(html, `${path}: ${leak}`).not.toContain(leak);
    }
    const loaded = await getReferralForLender(prisma, org.id, referral.id);
    expect(
      JSON.stringify(loaded, (_key, value) => (typeof value === "bigint" ? value.toString() : value)),
    ).not.toMatch(/HISPANIC|NATIVE_HAWAIIAN|womenOwned|ownerRace/);

    // Admins see totals only.
    const admin = await createAdmin(prisma, {
      email: `${unique("da")}@tradelift.example`,
      name: "DA",
      password: "correct horse battery staple",
    });
    const totals = await (await request("/admin/demographics", { cookie: await cookieFor(admin.id) })).text();
    expect(totals).toContain("Native Hawaiian or Other Pacific Islander");
    expect(totals).not.toContain("Demographic Exports");
    expect((await request("/admin/demographics", { cookie: lenderCookie })).status).toBe(404);
  });
});
