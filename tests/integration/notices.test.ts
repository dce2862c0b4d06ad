// Regulation B notices end to end: every adverse end gives exactly one notice per creditor that
// took adverse action (or TradeLift's own), on time, with that creditor's own reasons, address and
// agency; the notice of incompleteness comes before any decline for incompleteness; the merchant
// reads each notice as a page and as a PDF (docs/design/notices.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLenderOrg, createMerchant, seedFxRates, unique } from "#tests/factories";
import { pdfText } from "#tests/support/pdf-text";
import { expireStaleApplications, runJobsOnce } from "~/domain/jobs/jobs.server";
import { sendIncompletenessNotices } from "~/domain/notices/notices.server";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { cookieFor, request } from "./app";
import {
  today as isoToday,
  lender,
  offerForm,
  PASSWORD,
  post,
  statusOf,
  submitted,
} from "./lending-fixtures";

const DAY = 86_400_000;
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ today: isoToday() });
  await seedFxRates(prisma, new Date(`${isoToday()}T00:00:00Z`));
});
afterAll(async () => {
  await sandbox.close();
});

async function bank(name: string, regulatorType: string, address: Record<string, string>) {
  const made = await lender(name);
  await prisma.lenderOrg.update({
    where: { id: made.org.id },
    data: { regulatorType, addressLine2: null, ...address },
  });
  return made;
}

async function noticesOf(applicationId: string) {
  return prisma.adverseActionNotice.findMany({
    where: { applicationId },
    orderBy: [{ sentAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      lenderOrgId: true,
      creditorName: true,
      creditorAddress: true,
      agencyText: true,
      reasonsJson: true,
      sentAt: true,
      dueBy: true,
      completedAt: true,
    },
  });
}

const reasonsOf = (notice: { reasonsJson: string }) => JSON.parse(notice.reasonsJson) as string[];

/** Moves an application's submission back in time, so its clocks can be tested without waiting. */
async function submittedDaysAgo(applicationId: string, days: number) {
  const at = new Date(Date.now() - days * DAY);
  await prisma.application.update({ where: { id: applicationId }, data: { submittedAt: at } });
  return at;
}

async function emailTo(merchantUserId: string) {
  return (await prisma.user.findUniqueOrThrow({ where: { id: merchantUserId }, select: { email: true } }))
    .email;
}

describe("notices per creditor", () => {
  it("two lenders decline: two notices, each with only its own reasons, its address and its agency", async () => {
    const national = await bank("Riverside National", "NATIONAL_BANK", {
      addressLine1: "10 Main Street",
      city: "Boise",
      addressState: "ID",
      postalCode: "83702",
    });
    const finance = await lender("Lakeside Finance");
    const app = await submitted([national.org.id, finance.org.id]);
    for (const [l, reasons] of [
      [national, ["REVENUE", "CASH_FLOW", "BANKING"]],
      [finance, ["CONCENTRATION", "TIME_IN_BUSINESS", "DEBT"]],
    ] as const) {
      for (const referralId of app.referralsOf(l.org.id)) {
        expect(await post(referralId, l.cookie, { intent: "start" })).toBe(302);
        expect(await post(referralId, l.cookie, { intent: "decline", reasons: [...reasons] })).toBe(302);
      }
    }
    expect(await statusOf("application", app.applicationId)).toBe("DECLINED");
    const notices = await noticesOf(app.applicationId);
    expect(notices).toHaveLength(2);
    const fromNational = notices.find((n) => n.lenderOrgId === national.org.id);
    const fromFinance = notices.find((n) => n.lenderOrgId === finance.org.id);
    expect(fromNational?.kind).toBe("DECLINED");
    expect(reasonsOf(fromNational ?? { reasonsJson: "[]" })).toEqual([
      "Revenue too low for the amount requested",
      "Cash flow or account balances too low",
      "Returned items or overdrafts on the business account",
    ]);
    expect(reasonsOf(fromFinance ?? { reasonsJson: "[]" })).toEqual([
      "Sales depend on too few buyers",
      "Time in business too short",
      "Existing debt payments too high",
    ]);
    expect(fromNational?.creditorAddress).toBe("10 Main Street, Boise, ID 83702");
    expect(fromNational?.agencyText).toContain("Office of the Comptroller of the Currency");
    expect(fromNational?.agencyText).not.toContain("Federal Trade Commission");
    expect(fromFinance?.agencyText).toContain("Federal Trade Commission");
    for (const notice of notices) {
      expect(notice.sentAt.getTime()).toBeLessThanOrEqual(notice.dueBy?.getTime() ?? 0);
      expect(notice.dueBy?.getTime() ?? 0).toBeLessThanOrEqual(
        (notice.completedAt?.getTime() ?? 0) + 31 * DAY,
      );
    }
    // One e-mail per notice, each carrying its PDF, which says what the notice says.
    const emails = await prisma.outboxEmail.findMany({
      where: { to: await emailTo(app.merchant.userId), subject: { startsWith: "Notice of action taken" } },
      select: { subject: true, text: true, attachments: { select: { contentType: true, content: true } } },
    });
    expect(emails.map((e) => e.subject).sort()).toEqual(
      [
        `Notice of action taken from ${finance.org.name}`,
        `Notice of action taken from ${national.org.name}`,
      ].sort(),
    );
    const nationalMail = emails.find((e) => e.subject.endsWith(national.org.name));
    expect(nationalMail?.text).not.toContain("Sales depend on too few buyers");
    expect(nationalMail?.attachments[0]?.contentType).toBe("application/pdf");
    const text = await pdfText(nationalMail?.attachments[0]?.content ?? new Uint8Array());
    expect(text).toContain("Revenue too low for the amount requested");
    expect(text).toContain("Office of the Comptroller of the Currency");
    expect(text).not.toContain("Sales depend on too few buyers");
  });

  it("expiry: the lender that declined and the lender that left it undecided each send theirs, on time", async () => {
    const a = await lender("Harbor Declines");
    const b = await lender("Harbor Waits");
    const app = await submitted([a.org.id, b.org.id]);
    for (const referralId of app.referralsOf(a.org.id)) {
      await post(referralId, a.cookie, { intent: "start" });
      await post(referralId, a.cookie, { intent: "decline", reasons: ["BUYER_RISK"] });
    }
    await post(app.referralOf(b.org.id), b.cookie, { intent: "start" });
    const submittedAt = await submittedDaysAgo(app.applicationId, 30);
    const now = new Date(submittedAt.getTime() + 30 * DAY + 60_000);
    expect(await expireStaleApplications(prisma, now)).toBeGreaterThanOrEqual(1);
    expect(await statusOf("application", app.applicationId)).toBe("EXPIRED");
    const notices = await noticesOf(app.applicationId);
    expect(notices.map((n) => [n.creditorName, n.kind]).sort()).toEqual(
      [
        [a.org.name, "DECLINED"],
        [b.org.name, "EXPIRED"],
      ].sort(),
    );
    expect(reasonsOf(notices.find((n) => n.kind === "DECLINED") ?? { reasonsJson: "[]" })).toEqual([
      "Credit risk of the buyer or the buyer's country",
    ]);
    for (const notice of notices)
      expect(notice.sentAt.getTime()).toBeLessThanOrEqual(notice.dueBy?.getTime() ?? 0);
    const expiry = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: await emailTo(app.merchant.userId), subject: "Your TradeLift application has expired" },
      select: { text: true },
    });
    expect(expiry.text).toMatch(/^No lender made an offer within 30 days/);
    expect(expiry.text).not.toContain("No offer was accepted");
    // The job runs again: nothing more.
    expect(await expireStaleApplications(prisma, now)).toBe(0);
    expect(await noticesOf(app.applicationId)).toHaveLength(2);
  });

  it("a counteroffer not accepted gets its notice; an offer on the terms asked for that lapses gets none", async () => {
    const counter = await lender("Counter Capital");
    const exact = await lender("Exact Capital");
    const app = await submitted([counter.org.id, exact.org.id]);
    const counterReferral = app.referralOf(counter.org.id);
    const exactReferral = app.referralOf(exact.org.id);
    await post(counterReferral, counter.cookie, { intent: "start" });
    expect(await post(counterReferral, counter.cookie, { ...offerForm, amount: "60,000" })).toBe(302);
    await post(exactReferral, exact.cookie, { intent: "start" });
    expect(await post(exactReferral, exact.cookie, offerForm)).toBe(302);
    const counterOffer = await prisma.offer.findFirstOrThrow({
      where: { referralId: counterReferral },
      select: { id: true },
    });
    // The merchant declines the counteroffer; the exact offer is left to expire.
    expect(
      (
        await request(`/merchant/applications/${app.applicationId}`, {
          cookie: app.cookie,
          form: { intent: "decline-offer", offerId: counterOffer.id, confirmed: "yes" },
        })
      ).status,
    ).toBe(302);
    // Both offers run for 14 days: past them, and past the application's 30 days.
    await submittedDaysAgo(app.applicationId, 20);
    await runJobsOnce(prisma, new Date(Date.now() + 15 * DAY));
    expect(await statusOf("application", app.applicationId)).toBe("EXPIRED");
    const notices = await noticesOf(app.applicationId);
    expect(notices.map((n) => [n.creditorName, n.kind])).toEqual([[counter.org.name, "COUNTEROFFER"]]);
    const content = await prisma.adverseActionNotice.findFirstOrThrow({
      where: { applicationId: app.applicationId },
      select: { contentJson: true },
    });
    expect(content.contentJson).toContain("$60,000 instead of the $80,000 requested");
    expect(content.contentJson).toContain("right to a statement of specific reasons");
  });

  it("a partner's suspension with nobody left: one notice, from TradeLift, with the FTC", async () => {
    const gone = await lender("Suspended Factors");
    const app = await submitted([gone.org.id]);
    const { changePartnerStatus } = await import("~/domain/lenders/lenders.server");
    const adminUser = await prisma.user.create({
      data: { email: `${unique("adm")}@tradelift.example`, name: "Ad Min", role: "ADMIN", passwordHash: "x" },
      select: { id: true },
    });
    // Only this partner is active, so nothing else can take the application.
    const others = await prisma.lenderOrg.findMany({
      where: { id: { not: gone.org.id }, status: "ACTIVE" },
      select: { id: true },
    });
    await prisma.lenderOrg.updateMany({
      where: { id: { in: others.map((o) => o.id) } },
      data: { status: "PENDING" },
    });
    try {
      const outcome = await changePartnerStatus(prisma, {
        lenderOrgId: gone.org.id,
        to: "SUSPENDED",
        reason: "Licence under review",
        actor: { id: adminUser.id, role: "ADMIN" },
        ip: "127.0.0.1",
      });
      expect(outcome.ok).toBe(true);
    } finally {
      await prisma.lenderOrg.updateMany({
        where: { id: { in: others.map((o) => o.id) } },
        data: { status: "ACTIVE" },
      });
    }
    expect(await statusOf("application", app.applicationId)).toBe("DECLINED");
    const notices = await noticesOf(app.applicationId);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.kind).toBe("NO_LENDER_LEFT");
    expect(notices[0]?.lenderOrgId).toBeNull();
    expect(notices[0]?.creditorName).toBe("TradeLift, Inc.");
    expect(notices[0]?.agencyText).toContain("Federal Trade Commission");
  });

  it("no product matched: one notice from TradeLift naming the real failed criterion", async () => {
    const only = await lender("Small Tickets");
    const merchant = await createMerchant(prisma, {
      email: `${unique("nm")}@example.com`,
      userName: "Nm Owner",
      password: PASSWORD,
      legalName: unique("Too Big Exports "),
      complete: true,
      yearFounded: 2012,
    });
    const { createSandboxPublicToken } = await import("~/domain/bank/plaid.server");
    const { connectBank, syncConnection } = await import("~/domain/bank/sync.server");
    const { public_token } = await createSandboxPublicToken("steady_exporter");
    const { connectionId } = await connectBank(prisma, {
      merchantId: merchant.merchantId,
      publicToken: public_token,
      actor: { id: merchant.userId, role: "MERCHANT" },
      ip: "127.0.0.1",
    });
    await syncConnection(prisma, connectionId);
    const cookie = await cookieFor(merchant.userId);
    const created = await request("/merchant/applications/new", {
      cookie,
      form: {
        amount: "5,000,000",
        purpose: "A very large order to finance",
        productTypeWanted: "ANY",
        tenorDays: "60",
      },
    });
    const applicationId = (created.headers.get("Location") ?? "").split("/").pop() ?? "";
    const others = await prisma.lenderOrg.findMany({
      where: { id: { not: only.org.id }, status: "ACTIVE" },
      select: { id: true },
    });
    await prisma.lenderOrg.updateMany({
      where: { id: { in: others.map((o) => o.id) } },
      data: { status: "PENDING" },
    });
    try {
      await request(`/merchant/applications/${applicationId}`, {
        cookie,
        form: { intent: "submit", confirm: "on" },
      });
    } finally {
      await prisma.lenderOrg.updateMany({
        where: { id: { in: others.map((o) => o.id) } },
        data: { status: "ACTIVE" },
      });
    }
    expect(await statusOf("application", applicationId)).toBe("DECLINED");
    const notices = await noticesOf(applicationId);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.kind).toBe("NO_MATCH");
    expect(notices[0]?.creditorName).toBe("TradeLift, Inc.");
    const reasons = reasonsOf(notices[0] ?? { reasonsJson: "[]" });
    expect(reasons[0]).toMatch(/^The amount requested is above the maximum of the only product available/);
    // The criteria that failed, never score factors nobody acted on.
    expect(reasons.join(" ")).not.toMatch(/NSF|overdraft|score/i);
  });

  it("a lender that declined is notified by the 30th day even while another's offer is pending", async () => {
    const declines = await lender("Early No");
    const offers = await lender("Still Offering");
    const app = await submitted([declines.org.id, offers.org.id]);
    for (const referralId of app.referralsOf(declines.org.id)) {
      await post(referralId, declines.cookie, { intent: "start" });
      await post(referralId, declines.cookie, { intent: "decline", reasons: ["CASH_FLOW"] });
    }
    await post(app.referralOf(offers.org.id), offers.cookie, { intent: "start" });
    expect(await post(app.referralOf(offers.org.id), offers.cookie, offerForm)).toBe(302);
    expect(await noticesOf(app.applicationId)).toHaveLength(0);
    const { sendDueDeclineNotices } = await import("~/domain/notices/notices.server");
    expect(await sendDueDeclineNotices(prisma)).toBe(0);
    await submittedDaysAgo(app.applicationId, 29);
    expect(await sendDueDeclineNotices(prisma)).toBe(1);
    expect(await sendDueDeclineNotices(prisma)).toBe(0);
    const notices = await noticesOf(app.applicationId);
    expect(notices.map((n) => [n.creditorName, n.kind])).toEqual([[declines.org.name, "DECLINED"]]);
    expect(notices[0]?.sentAt.getTime()).toBeLessThanOrEqual(notices[0]?.dueBy?.getTime() ?? 0);
    expect(await statusOf("application", app.applicationId)).toBe("OFFERED");
  });

  it("a withdrawal by the merchant gives no notice", async () => {
    const l = await lender("Quiet Lender");
    const app = await submitted([l.org.id]);
    expect(
      (
        await request(`/merchant/applications/${app.applicationId}`, {
          cookie: app.cookie,
          form: { intent: "withdraw", confirmed: "yes" },
        })
      ).status,
    ).toBe(302);
    expect(await statusOf("application", app.applicationId)).toBe("WITHDRAWN");
    expect(await noticesOf(app.applicationId)).toHaveLength(0);
  });
});

describe("incompleteness (§1002.9(c))", () => {
  it("a deadline, then the notice of incompleteness, and only then a decline for incompleteness", async () => {
    const l = await lender("Careful Credit");
    const app = await submitted([l.org.id]);
    const referralId = app.referralOf(l.org.id);
    await post(referralId, l.cookie, { intent: "start" });
    expect(
      await post(referralId, l.cookie, {
        intent: "request-info",
        question: "Please send the signed purchase order.",
        dueInBusinessDays: "3",
      }),
    ).toBe(302);
    expect(
      await post(referralId, l.cookie, { intent: "request-info", question: "x", dueInBusinessDays: "1" }),
    ).toBe(400);
    const request_ = await prisma.infoRequest.findFirstOrThrow({
      where: { referralId },
      select: { id: true, dueAt: true, createdAt: true },
    });
    expect(request_.dueAt?.getTime() ?? 0).toBeGreaterThan(request_.createdAt.getTime() + 3 * DAY - DAY);
    // The merchant sees when it is due.
    const page = await (
      await request(`/merchant/applications/${app.applicationId}`, { cookie: app.cookie })
    ).text();
    expect(page).toMatch(/answer due in \d+ days?/);

    // Before any notice, a decline for incompleteness is refused, with the reason.
    const early = await request(`/lender/referrals/${referralId}`, {
      cookie: l.cookie,
      form: { intent: "decline", reasons: ["INCOMPLETE"] },
    });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("notice of incompleteness");

    // Not yet due: nothing is sent.
    expect(await sendIncompletenessNotices(prisma, new Date())).toBe(0);
    // Past the deadline: the notice goes out once.
    const later = new Date((request_.dueAt?.getTime() ?? 0) + 60_000);
    expect(await sendIncompletenessNotices(prisma, later)).toBe(1);
    expect(await sendIncompletenessNotices(prisma, later)).toBe(0);
    const notices = await noticesOf(app.applicationId);
    expect(notices.map((n) => n.kind)).toEqual(["INCOMPLETE"]);
    expect(reasonsOf(notices[0] ?? { reasonsJson: "[]" })).toEqual([
      "Please send the signed purchase order.",
    ]);
    const mail = await prisma.outboxEmail.findFirstOrThrow({
      where: {
        to: await emailTo(app.merchant.userId),
        subject: `Notice of incompleteness from ${l.org.name}`,
      },
      select: { text: true, attachments: { select: { content: true } } },
    });
    expect(mail.text).toContain("will not consider your application further");
    const pdf = await pdfText(mail.attachments[0]?.content ?? new Uint8Array());
    expect(pdf).toContain("Please send the signed purchase order.");

    // The notice gives a last chance: a decline for incompleteness waits until it has passed.
    const tooSoon = await request(`/lender/referrals/${referralId}`, {
      cookie: l.cookie,
      form: { intent: "decline", reasons: ["INCOMPLETE"] },
    });
    expect(tooSoon.status).toBe(409);
    await prisma.infoRequest.update({
      where: { id: request_.id },
      data: { incompleteNoticeAt: new Date(Date.now() - 20 * DAY) },
    });
    expect(await post(referralId, l.cookie, { intent: "decline", reasons: ["INCOMPLETE"] })).toBe(302);
    const after = await noticesOf(app.applicationId);
    expect(after.map((n) => n.kind).sort()).toEqual(["DECLINED", "INCOMPLETE"]);
    expect(reasonsOf(after.find((n) => n.kind === "DECLINED") ?? { reasonsJson: "[]" })).toEqual([
      "Information requested was not provided",
    ]);
  });
});

describe("the merchant reads its notices", () => {
  it("lists them, shows each, and downloads it as a PDF; another merchant gets 404", async () => {
    const l = await bank("Prairie State Bank", "STATE_MEMBER_BANK", {
      addressLine1: "1 Prairie Plaza",
      city: "Omaha",
      addressState: "NE",
      postalCode: "68102",
    });
    const app = await submitted([l.org.id]);
    for (const referralId of app.referralsOf(l.org.id)) {
      await post(referralId, l.cookie, { intent: "start" });
      await post(referralId, l.cookie, { intent: "decline", reasons: ["PAYMENT_TERMS"] });
    }
    const [notice] = await noticesOf(app.applicationId);
    const base = `/merchant/applications/${app.applicationId}/notices/${notice?.id}`;
    const list = await (
      await request(`/merchant/applications/${app.applicationId}`, { cookie: app.cookie })
    ).text();
    expect(list).toContain(base);
    // No mail server in this test: the list does not claim the notices were e-mailed.
    expect(list).toContain("E-mail is not set up on this installation, so no copy was e-mailed");
    expect(list).not.toContain("Each is also e-mailed to you");
    const page = await request(base, { cookie: app.cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Payment terms of the orders to be financed");
    expect(html).toContain("1 Prairie Plaza, Omaha, NE 68102");
    expect(html).toContain("Federal Reserve Consumer Help Center");
    const pdf = await request(`${base}/pdf`, { cookie: app.cookie });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    for (const expected of [
      "Notice of action taken",
      l.org.name,
      "Payment terms of the orders to be financed",
      "Federal Reserve Consumer Help Center",
    ])
      expect(text).toContain(expected);

    // Admins read every notice in full on the application's page.
    const adminUser = await prisma.user.create({
      data: { email: `${unique("adm")}@tradelift.example`, name: "Ad Min", role: "ADMIN", passwordHash: "x" },
      select: { id: true },
    });
    const adminPage = await (
      await request(`/admin/applications/${app.applicationId}`, { cookie: await cookieFor(adminUser.id) })
    ).text();
    expect(adminPage).toContain("Notices sent to the merchant");
    expect(adminPage).toContain("Payment terms of the orders to be financed");
    expect(adminPage).toContain("Federal Reserve Consumer Help Center");

    const stranger = await createMerchant(prisma, {
      email: `${unique("st")}@example.com`,
      userName: "St",
      password: PASSWORD,
      legalName: unique("Stranger "),
    });
    const strangerCookie = await cookieFor(stranger.userId);
    expect((await request(base, { cookie: strangerCookie })).status).toBe(404);
    expect((await request(`${base}/pdf`, { cookie: strangerCookie })).status).toBe(404);
    expect((await request(`${base}/pdf`, { cookie: l.cookie })).status).toBe(404);
  });
});

describe("partners' addresses and regulators", () => {
  it("asks for the whole address at its fields, and refuses to activate a partner without one", async () => {
    const adminUser = await prisma.user.create({
      data: { email: `${unique("adm")}@tradelift.example`, name: "Ad Min", role: "ADMIN", passwordHash: "x" },
      select: { id: true },
    });
    const cookie = await cookieFor(adminUser.id);
    const half = await request("/admin/partners/new", {
      cookie,
      form: {
        name: unique("Half Address "),
        contactName: "Pat Doe",
        contactEmail: "pat@p.example",
        addressLine1: "1 Dock Street",
        regulatorType: "NATIONAL_BANK",
      },
    });
    expect(half.status).toBe(400);
    const body = await half.text();
    expect(body).toContain("Enter the city.");
    expect(body).toContain("Enter the ZIP code.");
    const badType = await request("/admin/partners/new", {
      cookie,
      form: {
        name: unique("Odd "),
        contactName: "Pat Doe",
        contactEmail: "pat@p.example",
        regulatorType: "PIRATE",
      },
    });
    expect(badType.status).toBe(400);

    const bare = await createLenderOrg(prisma, {
      name: unique("No Address "),
      status: "PENDING",
      address: null,
    });
    const refused = await request(`/admin/partners/${bare.id}`, { cookie, form: { intent: "activate" } });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Add the partner's postal address");
    expect(
      (await prisma.lenderOrg.findUniqueOrThrow({ where: { id: bare.id }, select: { status: true } })).status,
    ).toBe("PENDING");
    const page = await (await request(`/admin/partners/${bare.id}`, { cookie })).text();
    expect(page).toContain("postal address (Edit details) before activating it");
  });
});
