// The dashboards read what is really waiting: the merchant's open questions, live offers (not one
// past its time), drafts and banks to reconnect, each linked to its page; the underwriter's
// assigned work and what falls due; the admin's partner health.
import { beforeAll, describe, expect, it } from "vitest";
import {
  createAdmin,
  createLenderOrg,
  createLenderUser,
  createMerchant,
  createProduct,
  OPEN_TERM_LOAN,
  unique,
} from "#tests/factories";
import { adminOverview, lenderWork, merchantDashboard } from "~/domain/dashboard/dashboard.server";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";
const DAY = 86_400_000;
const now = new Date();

const offerTerms = {
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
};

const ids = {
  merchantId: "",
  merchantUserId: "",
  orgId: "",
  underwriterId: "",
  application: "",
  referral: "",
  question: "",
  liveOffer: "",
  lapsedOffer: "",
  draft: "",
  bank: "",
  acceptedOffer: "",
  answeredReferral: "",
};

beforeAll(async () => {
  const merchant = await createMerchant(prisma, {
    email: `${unique("dm")}@example.com`,
    userName: "Dana Merchant",
    password: PASSWORD,
    legalName: "Dashboard Goods LLC",
  });
  const org = await createLenderOrg(prisma, { name: unique("Harbor Capital ") });
  const underwriter = await createLenderUser(prisma, {
    lenderOrgId: org.id,
    email: `${unique("uw")}@harbor.example`,
    name: "Una Writer",
    password: PASSWORD,
    lenderRole: "UNDERWRITER",
  });
  const product = await createProduct(prisma, { ...OPEN_TERM_LOAN, lenderOrgId: org.id, name: "Term" });
  const second = await createProduct(prisma, { ...OPEN_TERM_LOAN, lenderOrgId: org.id, name: "Term 2" });
  const application = async (status: string) =>
    prisma.application.create({
      data: {
        merchantId: merchant.merchantId,
        requestedAmountCents: 5_000_000,
        purpose: "Materials for an order",
        productTypeWanted: "ANY",
        tenorDays: 360,
        status,
        submittedAt: status === "DRAFT" ? null : now,
      },
      select: { id: true },
    });
  const referral = async (
    applicationId: string,
    status: string,
    assigneeId: string | null = null,
    productId = product.id,
  ) =>
    prisma.referral.create({
      data: {
        applicationId,
        lenderProductId: productId,
        lenderOrgId: org.id,
        fitRank: 1,
        status,
        assigneeId,
      },
      select: { id: true, applicationId: true },
    });
  const offer = async (r: { id: string; applicationId: string }, status: string, expiresAt: Date) =>
    prisma.offer.create({
      data: {
        ...offerTerms,
        referralId: r.id,
        applicationId: r.applicationId,
        lenderOrgId: org.id,
        status,
        expiresAt,
        acceptedAt: status === "ACCEPTED" ? now : null,
      },
      select: { id: true },
    });

  // One application with a question from one lender, an offer from it too.
  const app1 = await application("OFFERED");
  const asking = await referral(app1.id, "INFO_REQUESTED", underwriter.id);
  const question = await prisma.infoRequest.create({
    data: {
      referralId: asking.id,
      requestedById: underwriter.id,
      question: "Send the buyer's signed purchase order",
      status: "OPEN",
      dueAt: new Date(now.getTime() + 10 * DAY),
    },
    select: { id: true },
  });
  const offering = await referral(app1.id, "OFFERED", null, second.id);
  const live = await offer(offering, "PENDING", new Date(now.getTime() + 6 * DAY + 12 * 3_600_000));
  // Past its time, but the expiry job has not run: it is not waiting for the merchant any more.
  const lapsed = await offer(offering, "PENDING", new Date(now.getTime() - 3_600_000));
  const draft = await application("DRAFT");
  const bank = await prisma.bankConnection.create({
    data: {
      merchantId: merchant.merchantId,
      plaidItemId: unique("item"),
      accessTokenEncrypted: "v1.x.y.z",
      institutionName: "First Platypus Bank",
      status: "LOGIN_REQUIRED",
    },
    select: { id: true },
  });
  // The lender's side: an answered request back in review, and an accepted offer not funded yet.
  const app2 = await application("ACCEPTED");
  const answered = await referral(app2.id, "IN_REVIEW");
  await prisma.infoRequest.create({
    data: {
      referralId: answered.id,
      requestedById: underwriter.id,
      question: "Your last invoice?",
      status: "ANSWERED",
      responseText: "Attached",
      respondedAt: now,
    },
  });
  const app3 = await application("ACCEPTED");
  const accepting = await referral(app3.id, "ACCEPTED");
  const accepted = await offer(accepting, "ACCEPTED", new Date(now.getTime() + 5 * DAY));
  Object.assign(ids, {
    merchantId: merchant.merchantId,
    merchantUserId: merchant.userId,
    orgId: org.id,
    underwriterId: underwriter.id,
    application: app1.id,
    referral: asking.id,
    question: question.id,
    liveOffer: live.id,
    lapsedOffer: lapsed.id,
    draft: draft.id,
    bank: bank.id,
    acceptedOffer: accepted.id,
    answeredReferral: answered.id,
  });
});

describe("the merchant's dashboard", () => {
  it("puts the question, the live offer, the draft and the bank first, each linked to its page", async () => {
    const dashboard = await merchantDashboard(prisma, ids.merchantId, now);
    expect(dashboard.needs.map((n) => [n.kind, n.href, n.when])).toEqual([
      ["offer", `/merchant/applications/${ids.application}#offer-${ids.liveOffer}`, "expires in 6 days"],
      ["question", `/merchant/applications/${ids.application}#question-${ids.question}`, "due in 10 days"],
      ["draft", `/merchant/applications/${ids.draft}`, null],
      ["bank", `/merchant/bank#connection-${ids.bank}`, null],
    ]);
    expect(dashboard.needs.some((n) => n.key === `offer-${ids.lapsedOffer}`)).toBe(false);
    expect(dashboard.applications.map((a) => a.status).sort()).toEqual(
      ["ACCEPTED", "ACCEPTED", "DRAFT", "OFFERED"].sort(),
    );
    expect(dashboard.business.legalName).toBe("Dashboard Goods LLC");
  });

  it("shows them on /merchant, and nothing of another merchant's", async () => {
    const response = await request("/merchant", { cookie: await cookieFor(ids.merchantUserId) });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Needs you now");
    expect(html).toContain(`href="/merchant/applications/${ids.application}#offer-${ids.liveOffer}"`);
    expect(html).toContain("expires in 6 days");
    expect(html).toContain(`href="/merchant/applications/${ids.application}#question-${ids.question}"`);

    const other = await createMerchant(prisma, {
      email: `${unique("om")}@example.com`,
      userName: "Other",
      password: PASSWORD,
      legalName: "Other LLC",
    });
    const theirs = await request("/merchant", { cookie: await cookieFor(other.userId) });
    const theirHtml = await theirs.text();
    expect(theirHtml).toContain("Nothing is waiting for you");
    expect(theirHtml).not.toContain(ids.application);
  });
});

describe("the underwriter's dashboard", () => {
  it("lists the work assigned to them and what falls due for the organisation", async () => {
    const work = await lenderWork(prisma, { lenderOrgId: ids.orgId, userId: ids.underwriterId }, now);
    expect(work.assigned.map((r) => r.referralId)).toEqual([ids.referral]);
    expect(work.answersWaiting.map((r) => r.referralId)).toEqual([ids.answeredReferral]);
    expect(work.awaitingFunding.map((o) => o.offerId)).toEqual([ids.acceptedOffer]);
    // Six days left is not "about to expire"; nothing else is pending.
    expect(work.offersExpiring).toEqual([]);
    const later = new Date(now.getTime() + 4 * DAY);
    const soon = await lenderWork(prisma, { lenderOrgId: ids.orgId, userId: ids.underwriterId }, later);
    expect(soon.offersExpiring.map((o) => [o.offerId, o.when])).toEqual([
      [ids.liveOffer, "expires in 2 days"],
    ]);
  });

  it("shows it on /lender", async () => {
    const html = await (await request("/lender", { cookie: await cookieFor(ids.underwriterId) })).text();
    expect(html).toContain("Your work");
    expect(html).toContain(`href="/lender/referrals/${ids.referral}"`);
    expect(html).toContain("Accepted, waiting for funding (1)");
  });
});

describe("the admin's dashboard", () => {
  it("names pending and suspended partners and queues left unopened", async () => {
    const pending = await createLenderOrg(prisma, { name: unique("Pending Partner "), status: "PENDING" });
    const suspended = await createLenderOrg(prisma, {
      name: unique("Suspended Partner "),
      status: "SUSPENDED",
    });
    const product = await createProduct(prisma, { ...OPEN_TERM_LOAN, lenderOrgId: ids.orgId, name: "Stale" });
    const old = await prisma.application.create({
      data: {
        merchantId: ids.merchantId,
        requestedAmountCents: 5_000_000,
        purpose: "Waiting",
        productTypeWanted: "ANY",
        tenorDays: 90,
        status: "SUBMITTED",
      },
      select: { id: true },
    });
    await prisma.referral.create({
      data: {
        applicationId: old.id,
        lenderProductId: product.id,
        lenderOrgId: ids.orgId,
        fitRank: 1,
        status: "NEW",
        createdAt: new Date(now.getTime() - 9 * DAY),
      },
    });
    const overview = await adminOverview(prisma, now);
    expect(overview.pendingPartners.map((p) => p.id)).toContain(pending.id);
    expect(overview.suspendedPartners.map((p) => p.id)).toContain(suspended.id);
    expect(overview.staleQueues.find((q) => q.id === ids.orgId)?.waiting).toBe(1);
    expect(overview.funnel.referred).toBeGreaterThanOrEqual(4);

    const admin = await createAdmin(prisma, {
      email: `${unique("ad")}@tradelift.example`,
      name: "Ada Admin",
      password: PASSWORD,
    });
    const html = await (await request("/admin", { cookie: await cookieFor(admin.id) })).text();
    expect(html).toContain("Partner health");
    expect(html).toContain(`href="/admin/partners/${pending.id}"`);
    expect(html).toContain('href="/admin/funnel"');
  });
});
