import { describe, expect, it } from "vitest";
import { createLenderOrg, createMerchant, createProduct, OPEN_TERM_LOAN, unique } from "#tests/factories";
import { runJobsOnce } from "~/domain/jobs/jobs.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

async function applicationWithOffer(submittedDaysAgo: number, offerExpiresInDays: number) {
  const merchant = await createMerchant(prisma, {
    email: `${unique("job")}@example.com`,
    userName: "Job",
    password: "correct horse battery staple",
    legalName: unique("Jobs LLC "),
  });
  const org = await createLenderOrg(prisma, { name: unique("Jobs Lender ") });
  const product = await createProduct(prisma, {
    lenderOrgId: org.id,
    name: "Line",
    ...OPEN_TERM_LOAN,
  });
  const now = Date.now();
  const application = await prisma.application.create({
    data: {
      merchantId: merchant.merchantId,
      requestedAmountCents: 5_000_000,
      purpose: "Job test purpose",
      productTypeWanted: "ANY",
      tenorDays: 90,
      status: "OFFERED",
      submittedAt: new Date(now - submittedDaysAgo * 86_400_000),
    },
    select: { id: true },
  });
  const referral = await prisma.referral.create({
    data: {
      applicationId: application.id,
      lenderProductId: product.id,
      lenderOrgId: org.id,
      fitRank: 1,
      status: "OFFERED",
    },
    select: { id: true },
  });
  const offer = await prisma.offer.create({
    data: {
      referralId: referral.id,
      applicationId: application.id,
      lenderOrgId: org.id,
      productType: "TERM_LOAN",
      amountCents: 5_000_000,
      advanceRateBps: 10000,
      interestRateBps: 1200,
      termDays: 365,
      paymentFrequency: "MONTHLY",
      paymentCount: 12,
      paymentAmountCents: 444_244,
      scheduleJson: "[]",
      fundsProvidedCents: 5_000_000,
      financeChargeCents: 330_928,
      totalRepaymentCents: 5_330_928,
      estimatedAprBps: 1200,
      prepaymentTerms: "No penalty.",
      expiresAt: new Date(now + offerExpiresInDays * 86_400_000),
      status: "PENDING",
    },
    select: { id: true },
  });
  return { merchant, applicationId: application.id, referralId: referral.id, offerId: offer.id };
}

describe("scheduled jobs", () => {
  it("expires offers past their date, then the application left without offers, once", async () => {
    const old = await applicationWithOffer(40, -1);
    const fresh = await applicationWithOffer(2, 5);
    const first = await runJobsOnce(prisma);
    expect(first.offersExpired).toBeGreaterThanOrEqual(1);
    expect(first.applicationsExpired).toBeGreaterThanOrEqual(1);
    expect(
      (await prisma.offer.findUniqueOrThrow({ where: { id: old.offerId }, select: { status: true } })).status,
    ).toBe("EXPIRED");
    expect(
      (
        await prisma.application.findUniqueOrThrow({
          where: { id: old.applicationId },
          select: { status: true },
        })
      ).status,
    ).toBe("EXPIRED");
    expect(
      (await prisma.offer.findUniqueOrThrow({ where: { id: fresh.offerId }, select: { status: true } }))
        .status,
    ).toBe("PENDING");
    expect(
      (
        await prisma.application.findUniqueOrThrow({
          where: { id: fresh.applicationId },
          select: { status: true },
        })
      ).status,
    ).toBe("OFFERED");
    const email = (
      await prisma.user.findUniqueOrThrow({ where: { id: old.merchant.userId }, select: { email: true } })
    ).email;
    // The offer's expiry, the counteroffer's notice (a 365-day term where 90 were asked for, not
    // accepted: §1002.9(a)(1)(iv)) and the application's expiry.
    expect(await prisma.outboxEmail.count({ where: { to: email } })).toBe(3);
    expect(
      await prisma.adverseActionNotice.findMany({
        where: { applicationId: old.applicationId },
        select: { kind: true },
      }),
    ).toEqual([{ kind: "COUNTEROFFER" }]);
    const expiry = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: email, subject: "Your TradeLift application has expired" },
      select: { text: true, html: true },
    });
    expect(expiry.text).toMatch(/^No offer was accepted within 30 days/);
    const applicationPage = new URL(`/merchant/applications/${old.applicationId}`, env().APP_URL).toString();
    expect(expiry.text).toContain(`Open your application: ${applicationPage}`);
    expect(expiry.html).toContain(`href="${applicationPage}"`);
    const second = await runJobsOnce(prisma);
    expect([second.offersExpired, second.applicationsExpired]).toEqual([0, 0]);
  });

  it("moves an expired offer through its table: the referral and the application go back to review, and the referral of an expired application is closed", async () => {
    const young = await applicationWithOffer(3, -1);
    const stale = await applicationWithOffer(45, -2);
    await runJobsOnce(prisma);
    const referral = await prisma.referral.findUniqueOrThrow({
      where: { id: young.referralId },
      select: { status: true, application: { select: { status: true } } },
    });
    expect(referral).toEqual({ status: "IN_REVIEW", application: { status: "IN_REVIEW" } });
    expect(
      await prisma.auditEvent.findMany({
        where: { entityType: "Offer", entityId: young.offerId },
        select: { action: true, summaryJson: true },
      }),
    ).toEqual([{ action: "offer.expired", summaryJson: expect.stringContaining('"to":"EXPIRED"') }]);
    expect(
      await prisma.referral.findUniqueOrThrow({
        where: { id: stale.referralId },
        select: { status: true, statusReason: true },
      }),
    ).toEqual({ status: "CLOSED", statusReason: "APPLICATION_EXPIRED" });
    await runJobsOnce(prisma);
    expect(await prisma.auditEvent.count({ where: { entityId: young.offerId } })).toBe(1);
  });
});
