import { beforeAll, describe, expect, it } from "vitest";
import { createAdmin, createLenderOrg, createMerchant, createProduct, unique } from "#tests/factories";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";
let adminCookie = "";
let adminEmail = "";

beforeAll(async () => {
  adminEmail = `${unique("pa")}@tradelift.example`;
  const admin = await createAdmin(prisma, { email: adminEmail, name: "Partner Admin", password: PASSWORD });
  adminCookie = await cookieFor(admin.id);
});

async function partnerWithReferrals() {
  const org = await createLenderOrg(prisma, { name: unique("Status Lender "), status: "PENDING" });
  const product = await createProduct(prisma, {
    lenderOrgId: org.id,
    name: "Line",
    type: "EXPORT_WORKING_CAPITAL",
    minAmountCents: 1_000_000,
    maxAmountCents: 100_000_000,
    minScore: 500,
    minMonthsInBusiness: 12,
    minAnnualRevenueCents: 10_000_000n,
    maxOecdCategory: 7,
    acceptedPaymentTerms: ["OPEN_ACCOUNT"],
    minTenorDays: 30,
    maxTenorDays: 365,
    advanceRateBps: 9000,
    aprMinBps: 900,
    aprMaxBps: 1400,
  });
  const merchant = await createMerchant(prisma, {
    email: `${unique("m")}@example.com`,
    userName: "M",
    password: PASSWORD,
    legalName: "M LLC",
  });
  const referral = async (status: string) => {
    const application = await prisma.application.create({
      data: {
        merchantId: merchant.merchantId,
        requestedAmountCents: 5_000_000,
        purpose: "Materials",
        productTypeWanted: "ANY",
        tenorDays: 90,
        status: "SUBMITTED",
        submittedAt: new Date(),
      },
      select: { id: true },
    });
    return prisma.referral.create({
      data: {
        applicationId: application.id,
        lenderProductId: product.id,
        lenderOrgId: org.id,
        fitRank: 1,
        status,
      },
      select: { id: true, applicationId: true },
    });
  };
  const fresh = await referral("NEW");
  const inReview = await referral("IN_REVIEW");
  const asked = await referral("INFO_REQUESTED");
  const question = await prisma.infoRequest.create({
    data: {
      referralId: asked.id,
      requestedById: merchant.userId,
      question: "Latest invoice?",
      status: "OPEN",
    },
    select: { id: true },
  });
  const offered = await referral("OFFERED");
  const offer = await prisma.offer.create({
    data: {
      referralId: offered.id,
      applicationId: offered.applicationId,
      lenderOrgId: org.id,
      productType: "EXPORT_WORKING_CAPITAL",
      amountCents: 5_000_000,
      advanceRateBps: 9000,
      interestRateBps: 1100,
      termDays: 90,
      paymentFrequency: "MONTHLY",
      paymentCount: 3,
      paymentAmountCents: 1_700_000,
      scheduleJson: "[]",
      fundsProvidedCents: 5_000_000,
      financeChargeCents: 100_000,
      totalRepaymentCents: 5_100_000,
      estimatedAprBps: 1100,
      prepaymentTerms: "No prepayment penalty.",
      expiresAt: new Date(Date.now() + 7 * 86_400_000),
      status: "PENDING",
    },
    select: { id: true },
  });
  return { org, fresh, inReview, asked, question, offered, offer };
}

const SUSPEND = { intent: "suspend", reason: "Licence under review in California", confirmed: "yes" };

async function statusOf(id: string) {
  return prisma.lenderOrg.findUniqueOrThrow({ where: { id }, select: { status: true, statusReason: true } });
}

describe("partner status", () => {
  it("activates a pending partner, suspends it after confirmation, and reactivates it, each move audited with its reason", async () => {
    const { org } = await partnerWithReferrals();
    const path = `/admin/partners/${org.id}`;
    expect((await request(path, { cookie: adminCookie, form: { intent: "activate" } })).status).toBe(302);
    expect((await statusOf(org.id)).status).toBe("ACTIVE");

    const noReason = await request(path, { cookie: adminCookie, form: { ...SUSPEND, reason: "" } });
    expect(noReason.status).toBe(400);
    // Without the confirmation step nothing happens, and the page says why.
    const unconfirmed = await request(path, {
      cookie: adminCookie,
      form: { intent: "suspend", reason: SUSPEND.reason },
    });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Confirm the suspension");
    expect((await statusOf(org.id)).status).toBe("ACTIVE");

    expect((await request(path, { cookie: adminCookie, form: SUSPEND })).status).toBe(302);
    expect(await statusOf(org.id)).toEqual({ status: "SUSPENDED", statusReason: SUSPEND.reason });
    // The page says so, and offers reactivation only.
    const page = await (await request(path, { cookie: adminCookie })).text();
    expect(page).toContain("Reactivate partner");
    expect(page).not.toContain("Suspend partner");

    // Suspended → suspended is not a move of the table.
    const again = await request(path, {
      cookie: adminCookie,
      form: { ...SUSPEND, reason: "Again and again" },
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("cannot become suspended");
    expect((await request(path, { cookie: adminCookie, form: { intent: "activate" } })).status).toBe(302);
    expect(await statusOf(org.id)).toEqual({ status: "ACTIVE", statusReason: null });

    const events = await prisma.auditEvent.findMany({
      where: { entityId: org.id, action: { startsWith: "lender.partner_" } },
      orderBy: { createdAt: "asc" },
      select: { action: true, summaryJson: true, actorName: true },
    });
    expect(events.map((e) => [e.action, JSON.parse(e.summaryJson)])).toEqual([
      ["lender.partner_activated", { from: "PENDING", to: "ACTIVE", reason: { before: null, after: null } }],
      [
        "lender.partner_suspended",
        { from: "ACTIVE", to: "SUSPENDED", reason: { before: null, after: SUSPEND.reason } },
      ],
      [
        "lender.partner_reactivated",
        { from: "SUSPENDED", to: "ACTIVE", reason: { before: SUSPEND.reason, after: null } },
      ],
    ]);
    expect(events.every((e) => e.actorName === "Partner Admin")).toBe(true);
  });

  it("suspending withdraws the referrals still being decided, cancels their questions, keeps pending offers and leaves no application without a lender", async () => {
    const { org, fresh, inReview, asked, question, offered, offer } = await partnerWithReferrals();
    await prisma.lenderOrg.update({ where: { id: org.id }, data: { status: "ACTIVE" } });
    expect((await request(`/admin/partners/${org.id}`, { cookie: adminCookie, form: SUSPEND })).status).toBe(
      302,
    );
    const referrals = await prisma.referral.findMany({
      where: { id: { in: [fresh.id, inReview.id, asked.id, offered.id] } },
      select: { id: true, status: true, statusReason: true, applicationId: true },
    });
    const byId = new Map(referrals.map((r) => [r.id, r]));
    for (const withdrawn of [fresh, inReview, asked])
      expect(byId.get(withdrawn.id)).toMatchObject({
        status: "WITHDRAWN",
        statusReason: "PARTNER_SUSPENDED",
      });
    expect(byId.get(offered.id)).toMatchObject({ status: "OFFERED", statusReason: null });
    expect(
      (await prisma.offer.findUniqueOrThrow({ where: { id: offer.id }, select: { status: true } })).status,
    ).toBe("PENDING");
    expect(
      (await prisma.infoRequest.findUniqueOrThrow({ where: { id: question.id }, select: { status: true } }))
        .status,
    ).toBe("CANCELLED");
    // Each application that lost its lender was settled: it has another lender deciding, or it ended.
    for (const withdrawn of [fresh, inReview, asked]) {
      const application = await prisma.application.findUniqueOrThrow({
        where: { id: withdrawn.applicationId },
        select: {
          status: true,
          referrals: { where: { status: { in: ["NEW", "IN_REVIEW", "INFO_REQUESTED", "OFFERED"] } } },
        },
      });
      if (application.referrals.length === 0)
        expect(["DECLINED", "WITHDRAWN", "EXPIRED"]).toContain(application.status);
    }
    // One audit event per move: each withdrawal and each cancelled question.
    expect(
      await prisma.auditEvent.count({
        where: { action: "referral.withdrawn", entityId: { in: [fresh.id, inReview.id, asked.id] } },
      }),
    ).toBe(3);
    expect(await prisma.auditEvent.count({ where: { entityId: question.id } })).toBe(1);
  });

  it("edits a partner's details, refusing a name another partner has", async () => {
    const { org } = await partnerWithReferrals();
    const other = await createLenderOrg(prisma, { name: unique("Taken Name ") });
    const form = {
      intent: "edit",
      name: "Renamed Trade Finance",
      contactName: "Ana Lopez",
      contactEmail: "ana@renamed.example",
      statesLicensed: ["CA", "WA"],
    };
    expect((await request(`/admin/partners/${org.id}`, { cookie: adminCookie, form })).status).toBe(302);
    expect(
      await prisma.lenderOrg.findUniqueOrThrow({
        where: { id: org.id },
        select: { name: true, statesLicensed: true },
      }),
    ).toEqual({ name: "Renamed Trade Finance", statesLicensed: "CA,WA" });
    const edited = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: org.id, action: "lender.partner_updated" },
      select: { summaryJson: true },
    });
    expect(JSON.parse(edited.summaryJson).changed).toMatchObject({
      name: { before: org.name, after: "Renamed Trade Finance" },
      contactEmail: { after: "ana@renamed.example" },
      statesLicensed: { before: "", after: "CA,WA" },
    });
    const clash = await request(`/admin/partners/${org.id}`, {
      cookie: adminCookie,
      form: { ...form, name: other.name },
    });
    expect(clash.status).toBe(400);
    expect(await clash.text()).toContain("already exists");
  });

  it("filters the audit log by actor, entity and date", async () => {
    const { org } = await partnerWithReferrals();
    await request(`/admin/partners/${org.id}`, { cookie: adminCookie, form: { intent: "activate" } });
    const today = new Date().toISOString().slice(0, 10);
    const byActor = await (
      await request(
        `/admin/audit?actor=${encodeURIComponent(adminEmail)}&entityType=LenderOrg&from=${today}&to=${today}`,
        { cookie: adminCookie },
      )
    ).text();
    expect(byActor).toContain("lender.partner_activated");
    expect(byActor).not.toContain("auth.signed_up");
    const past = await (
      await request(`/admin/audit?actor=${encodeURIComponent(adminEmail)}&to=2020-01-01`, {
        cookie: adminCookie,
      })
    ).text();
    expect(past).not.toContain("lender.partner_activated");
    expect(
      (await request("/admin/audit?from=not-a-date&entityType=<script>", { cookie: adminCookie })).status,
    ).toBe(200);
  });

  it("pages through the whole audit log, newest first", async () => {
    // 150 events a second apart, in the future so that they are the newest, the last one newest.
    const start = Date.now() + 86_400_000;
    const marker = unique("paged-audit");
    await prisma.auditEvent.createMany({
      data: Array.from({ length: 150 }, (_, i) => ({
        action: "test.paged_event",
        entityType: "User",
        entityId: `${marker}-${i}`,
        summaryJson: "{}",
        createdAt: new Date(start + i * 1000),
      })),
    });
    const idsOn = async (query: string) => {
      const html = await (await request(`/admin/audit${query}`, { cookie: adminCookie })).text();
      // The rows' entity cells (the page's embedded loader data names them too).
      return [
        ...html.matchAll(new RegExp(`<span class="muted small"> (?:<!-- -->)?${marker}-(\\d+)</span>`, "g")),
      ].map((m) => Number(m[1]));
    };
    const newestFirst = Array.from({ length: 150 }, (_, i) => 149 - i);
    expect(await idsOn("?entityType=User")).toEqual(newestFirst.slice(0, 100));
    const second = await idsOn("?entityType=User&page=2");
    expect(second.slice(0, 50)).toEqual(newestFirst.slice(100));
    const total = await prisma.auditEvent.count({ where: { entityType: "User" } });
    expect(await (await request("/admin/audit?entityType=User", { cookie: adminCookie })).text()).toContain(
      `${total} events · page 1 of ${Math.ceil(total / 100)}`,
    );
    const beyond = await (await request("/admin/audit?page=900", { cookie: adminCookie })).text();
    expect(beyond).toContain("No events on this page");
  });
});
