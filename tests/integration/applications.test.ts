import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createExportOrder,
  createLenderOrg,
  createLenderUser,
  createMerchant,
  createProduct,
  seedFxRates,
  unique,
} from "#tests/factories";
import { submitApplication } from "~/domain/applications/applications.server";
import { createSandboxPublicToken } from "~/domain/bank/plaid.server";
import { connectBank, syncConnection } from "~/domain/bank/sync.server";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { cookieFor, request } from "./app";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
const today = new Date().toISOString().slice(0, 10);
let lenderOrgId = "";
let lenderEmail = "";

beforeAll(async () => {
  sandbox = await startTestSandbox({ today });
  await seedFxRates(prisma, new Date(`${today}T00:00:00Z`));
  const org = await createLenderOrg(prisma, { name: unique("Applications Lender ") });
  lenderOrgId = org.id;
  lenderEmail = `${unique("uw")}@lender.example`;
  await createLenderUser(prisma, {
    lenderOrgId: org.id,
    email: lenderEmail,
    name: "UW",
    password: "correct horse battery staple",
    lenderRole: "UNDERWRITER",
  });
  for (const type of ["PO_FINANCING", "INVOICE_FACTORING"] as const) {
    await createProduct(prisma, {
      lenderOrgId: org.id,
      name: unique(`${type} `),
      type,
      minAmountCents: 1_000_000,
      maxAmountCents: 100_000_000,
      minScore: 500,
      minMonthsInBusiness: 12,
      minAnnualRevenueCents: 10_000_000n,
      maxOecdCategory: 6,
      acceptedPaymentTerms: ["LETTER_OF_CREDIT", "OPEN_ACCOUNT"],
      minTenorDays: 30,
      maxTenorDays: 180,
      advanceRateBps: 8500,
      feePer30DaysMinBps: 150,
      feePer30DaysMaxBps: 350,
    });
  }
});
afterAll(async () => {
  await sandbox.close();
});

async function merchantWithBank(persona = "steady_exporter") {
  const merchant = await createMerchant(prisma, {
    email: `${unique("app")}@example.com`,
    userName: "Applicant",
    password: "correct horse battery staple",
    legalName: unique("Applicant Exports "),
    complete: true,
    yearFounded: 2012,
  });
  const { public_token } = await createSandboxPublicToken(persona);
  const { connectionId } = await connectBank(prisma, {
    merchantId: merchant.merchantId,
    publicToken: public_token,
    actor: { id: merchant.userId, role: "MERCHANT" },
    ip: "127.0.0.1",
  });
  await syncConnection(prisma, connectionId);
  const order = await createExportOrder(prisma, {
    merchantId: merchant.merchantId,
    buyerName: "Yamato Outdoor Supply K.K.",
    buyerCountry: "JP",
    poNumber: unique("PO-"),
    amountMinor: 18_600_000n,
    currency: "JPY",
    orderDate: new Date(`${today}T00:00:00Z`),
    paymentTerm: "LETTER_OF_CREDIT",
    paymentTermDays: 60,
    incoterm: "FOB",
  });
  return { ...merchant, orderId: order.id, cookie: await cookieFor(merchant.userId) };
}

async function draft(
  merchant: { cookie: string; orderId: string },
  patch: Record<string, string | string[]> = {},
) {
  const response = await request("/merchant/applications/new", {
    cookie: merchant.cookie,
    form: {
      amount: "75,000",
      purpose: "Materials and freight for the Yamato order",
      productTypeWanted: "ANY",
      tenorDays: "90",
      orderIds: [merchant.orderId],
      ...patch,
    },
  });
  expect(response.status).toBe(302);
  return (response.headers.get("Location") ?? "").split("/").pop() ?? "";
}

describe("applications", () => {
  it("saves a draft, then submits it once: frozen score, referrals to matching products, lenders notified", async () => {
    const merchant = await merchantWithBank();
    const id = await draft(merchant);
    const review = await (await request(`/merchant/applications/${id}`, { cookie: merchant.cookie })).text();
    expect(review).toMatch(/\d+ lending partners? would consider it/);

    const noConfirm = await request(`/merchant/applications/${id}`, {
      cookie: merchant.cookie,
      form: { intent: "submit" },
    });
    expect(noConfirm.status).toBe(400);
    expect(
      (await prisma.application.findUniqueOrThrow({ where: { id }, select: { status: true } })).status,
    ).toBe("DRAFT");

    const sent = await request(`/merchant/applications/${id}`, {
      cookie: merchant.cookie,
      form: { intent: "submit", confirm: "on" },
    });
    expect(sent.status).toBe(302);
    const application = await prisma.application.findUniqueOrThrow({
      where: { id },
      select: {
        status: true,
        submittedAt: true,
        scoreReport: { select: { frozenAt: true, score: true, grade: true } },
        referrals: { select: { lenderOrgId: true, status: true, fitRank: true, score: true, grade: true } },
      },
    });
    expect(application.status).toBe("SUBMITTED");
    expect(application.scoreReport?.frozenAt).not.toBeNull();
    // Each referral keeps the frozen score and grade, for the lender's queue.
    for (const r of application.referrals) {
      expect(r.score).toBe(application.scoreReport?.score);
      expect(r.grade).toBe(application.scoreReport?.grade);
    }
    const ours = application.referrals.filter((r) => r.lenderOrgId === lenderOrgId);
    expect(ours).toHaveLength(2);
    expect(ours.every((r) => r.status === "NEW")).toBe(true);
    expect(
      await prisma.outboxEmail.count({
        where: { to: lenderEmail, subject: "A new application is in your TradeLift queue" },
      }),
    ).toBeGreaterThanOrEqual(1);

    // The lender sees it in its queue; another lender does not.
    const lender = await prisma.user.findUniqueOrThrow({
      where: { email: lenderEmail },
      select: { id: true },
    });
    const legalName = (
      await prisma.merchant.findUniqueOrThrow({
        where: { id: merchant.merchantId },
        select: { legalName: true },
      })
    ).legalName;
    expect(
      await (await request("/lender?status=NEW", { cookie: await cookieFor(lender.id) })).text(),
    ).toContain(legalName);
    const otherOrg = await createLenderOrg(prisma, { name: unique("Uninvolved ") });
    const outsider = await createLenderUser(prisma, {
      lenderOrgId: otherOrg.id,
      email: `${unique("out")}@l.example`,
      name: "Out",
      password: "correct horse battery staple",
      lenderRole: "ADMIN",
    });
    expect(await (await request("/lender", { cookie: await cookieFor(outsider.id) })).text()).not.toContain(
      legalName,
    );

    // Sending again changes nothing.
    const again = await request(`/merchant/applications/${id}`, {
      cookie: merchant.cookie,
      form: { intent: "submit", confirm: "on" },
    });
    expect(again.status).toBe(302);
    expect(await prisma.referral.count({ where: { applicationId: id } })).toBe(application.referrals.length);
    // The frozen report stays as it was when the merchant's data changes.
    await prisma.exportOrder.updateMany({
      where: { merchantId: merchant.merchantId },
      data: { paymentTerm: "OPEN_ACCOUNT" },
    });
    const frozen = await prisma.scoreReport.findFirstOrThrow({
      where: { application: { id } },
      select: { score: true },
    });
    expect(frozen.score).toBe(application.scoreReport?.score);
  });

  it("a double-clicked submit makes one submission", async () => {
    const merchant = await merchantWithBank();
    const id = await draft(merchant);
    const actor = { id: merchant.userId, role: "MERCHANT" };
    const outcomes = await Promise.all(
      [1, 2, 3].map(() =>
        submitApplication(prisma, {
          merchantId: merchant.merchantId,
          applicationId: id,
          actor,
          ip: "127.0.0.1",
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "submitted")).toHaveLength(1);
    const referrals = await prisma.referral.findMany({
      where: { applicationId: id },
      select: { lenderProductId: true },
    });
    expect(new Set(referrals.map((r) => r.lenderProductId)).size).toBe(referrals.length);
    expect(
      await prisma.scoreReport.count({ where: { merchantId: merchant.merchantId, frozenAt: { not: null } } }),
    ).toBe(1);
  });

  it("with no eligible product it is declined at once with an adverse-action notice, shown and e-mailed", async () => {
    const merchant = await merchantWithBank("declining_business");
    const id = await draft(merchant, {
      amount: "15,000,000",
      productTypeWanted: "TERM_LOAN",
      tenorDays: "3000",
    });
    await request(`/merchant/applications/${id}`, {
      cookie: merchant.cookie,
      form: { intent: "submit", confirm: "on" },
    });
    const application = await prisma.application.findUniqueOrThrow({
      where: { id },
      select: { status: true, adverseActionNotices: { select: { reasonsJson: true } } },
    });
    expect(application.status).toBe("DECLINED");
    const reasons = JSON.parse(application.adverseActionNotices[0]?.reasonsJson ?? "[]") as string[];
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.length).toBeLessThanOrEqual(4);
    // Nobody decided, so the reasons are the lending criteria that failed, not score factors
    // (issue #13: the changed behaviour).
    expect(reasons.some((r) => /amount requested is above the maximum/.test(r))).toBe(true);
    expect(reasons.every((r) => !/NSF|overdraft/.test(r))).toBe(true);
    const page = await (await request(`/merchant/applications/${id}`, { cookie: merchant.cookie })).text();
    expect(page).toContain("Not sent to any lender");
    const user = await prisma.user.findUniqueOrThrow({
      where: { id: merchant.userId },
      select: { email: true },
    });
    expect(
      await prisma.outboxEmail.count({
        where: { to: user.email, subject: "Notice of action taken from TradeLift, Inc." },
      }),
    ).toBe(1);
  });

  it("refuses to send without a score, and withdraws before acceptance (referrals withdrawn too)", async () => {
    const merchant = await merchantWithBank("new_business");
    const id = await draft(merchant);
    const refused = await request(`/merchant/applications/${id}`, {
      cookie: merchant.cookie,
      form: { intent: "submit", confirm: "on" },
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Less than 6 months of bank or sales history.");
    // Discarding asks first: a POST without the confirmation step changes nothing.
    const unconfirmed = await request(`/merchant/applications/${id}`, {
      cookie: merchant.cookie,
      form: { intent: "discard" },
    });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Confirm first");
    expect(
      (await prisma.application.findUniqueOrThrow({ where: { id }, select: { status: true } })).status,
    ).toBe("DRAFT");
    const discarded = await request(`/merchant/applications/${id}`, {
      cookie: merchant.cookie,
      form: { intent: "discard", confirmed: "yes" },
    });
    expect(discarded.status).toBe(302);
    expect(
      (await prisma.application.findUniqueOrThrow({ where: { id }, select: { status: true } })).status,
    ).toBe("DISCARDED"); // a draft no lender saw is discarded, not withdrawn
    const discardedPage = await (
      await request(`/merchant/applications/${id}`, { cookie: merchant.cookie })
    ).text();
    expect(discardedPage).toContain("Draft discarded. No lender saw it, so no one was told.");
    expect(discardedPage).not.toContain("Withdraw application");

    const other = await merchantWithBank();
    const sentId = await draft(other);
    await request(`/merchant/applications/${sentId}`, {
      cookie: other.cookie,
      form: { intent: "submit", confirm: "on" },
    });
    const sentPage = await (
      await request(`/merchant/applications/${sentId}`, { cookie: other.cookie })
    ).text();
    expect(sentPage).toContain("Withdraw application");
    expect(sentPage).not.toContain("Discard draft");
    expect(
      (
        await request(`/merchant/applications/${sentId}`, {
          cookie: other.cookie,
          form: { intent: "withdraw" },
        })
      ).status,
    ).toBe(400); // no confirmation step, nothing done
    expect(
      (
        await request(`/merchant/applications/${sentId}`, {
          cookie: other.cookie,
          form: { intent: "withdraw", confirmed: "yes" },
        })
      ).status,
    ).toBe(302);
    const referrals = await prisma.referral.findMany({
      where: { applicationId: sentId },
      select: { status: true, statusReason: true },
    });
    expect(referrals.length).toBeGreaterThan(0);
    expect(
      referrals.every((r) => r.status === "WITHDRAWN" && r.statusReason === "APPLICATION_WITHDRAWN"),
    ).toBe(true);
    expect(
      await prisma.outboxEmail.count({ where: { to: lenderEmail, subject: { contains: "was withdrawn" } } }),
    ).toBeGreaterThan(0);

    // Another merchant's application is a 404, whatever the intent.
    expect((await request(`/merchant/applications/${sentId}`, { cookie: merchant.cookie })).status).toBe(404);
    expect(
      (
        await request(`/merchant/applications/${sentId}`, {
          cookie: merchant.cookie,
          form: { intent: "withdraw", confirmed: "yes" },
        })
      ).status,
    ).toBe(404);
  });

  it("refuses bad input at the field and orders that are not the merchant's", async () => {
    const merchant = await merchantWithBank("new_business");
    const stranger = await merchantWithBank("new_business");
    const before = await prisma.application.count();
    for (const patch of [
      { amount: "0" },
      { purpose: "short" },
      { productTypeWanted: "LOTTERY" },
      { tenorDays: "99999" },
      { orderIds: [stranger.orderId] },
      { purpose: "<script>x</script> for goods" },
    ]) {
      const response = await request("/merchant/applications/new", {
        cookie: merchant.cookie,
        form: {
          amount: "75,000",
          purpose: "Materials and freight for the order",
          productTypeWanted: "ANY",
          tenorDays: "90",
          orderIds: [merchant.orderId],
          ...patch,
        },
      });
      expect(response.status, JSON.stringify(patch)).toBe(400);
    }
    expect(await prisma.application.count()).toBe(before);
  });
});
