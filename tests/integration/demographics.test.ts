// The firewall around the Section 1071 answers (docs/design/section-1071.md): whatever the applicant
// answers, with distinctive free text in every box, nothing a lender reads carries it — its pages,
// the frozen package, the e-mails, the audit log, and no CSV export.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdmin, seedFxRates, unique } from "#tests/factories";
import { getReferralForLender } from "~/domain/referrals/referrals.server";
import { WEBHOOK_EVENT_TYPES } from "~/domain/webhooks/events";
import { createEndpoint } from "~/domain/webhooks/webhooks.server";
import { prisma } from "~/utils/db.server";
import { startTestSandbox } from "../setup/plaid-sandbox";
import { readCsvExport } from "../support/csv-export";
import { pdfPlainText } from "../support/pdf-text";
import { ANSWERS, expectNoLeak } from "../support/section-1071-leaks";
import { cookieFor, request, shownDisclosureHash } from "./app";
import { lender, offerForm, post, submitted, today } from "./lending-fixtures";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ today: today() });
  await seedFxRates(prisma, new Date(`${today()}T00:00:00Z`));
});
afterAll(async () => {
  await sandbox.close();
});

describe("Section 1071 answers", () => {
  it("are kept for the application and never reach a lender's page, package, e-mail or the audit log", async () => {
    const l = await lender("Blind");
    // The lender's systems listen to every event: the webhook payloads stay blind too.
    const endpoint = await createEndpoint(prisma, {
      lenderOrgId: l.org.id,
      url: "http://127.0.0.1:9/hooks",
      description: "Blind's loan system",
      events: WEBHOOK_EVENT_TYPES,
      actor: { id: l.user.id, role: "LENDER" },
      ip: "127.0.0.1",
    });
    expect(endpoint.ok).toBe(true);
    const app = await submitted([l.org.id]);
    const referralId = app.referralOf(l.org.id);
    // The applicant answers for its sent application.
    const answered = await request(`/merchant/applications/${app.applicationId}/demographics`, {
      cookie: app.cookie,
      form: ANSWERS,
    });
    expect(answered.status).toBe(302);
    const record = await prisma.section1071Record.findUniqueOrThrow({
      where: { applicationId: app.applicationId },
      select: { womenOwned: true, owners: { select: { raceAmericanIndianTribe: true, sexDeclined: true } } },
    });
    expect(record).toEqual({
      womenOwned: "YES",
      owners: [
        { raceAmericanIndianTribe: "Zyxwvut-Tribe", sexDeclined: false },
        { raceAmericanIndianTribe: null, sexDeclined: true },
      ],
    });
    // The applicant sees its own answers back.
    const own = await (
      await request(`/merchant/applications/${app.applicationId}/demographics`, { cookie: app.cookie })
    ).text();
    expect(own).toContain("Zyxwvut-Tribe");

    // The lender works the referral: everything it can read, and every e-mail, stays blind.
    expect(await post(referralId, l.cookie, { intent: "start" })).toBe(302);
    expect(await post(referralId, l.cookie, { intent: "request-info", question: "Latest statements?" })).toBe(
      302,
    );
    const info = await prisma.infoRequest.findFirstOrThrow({ where: { referralId }, select: { id: true } });
    expect(
      (
        await request(`/merchant/applications/${app.applicationId}`, {
          cookie: app.cookie,
          form: { intent: "answer-info", infoRequestId: info.id, responseText: "Attached below." },
        })
      ).status,
    ).toBe(302);
    expect(await post(referralId, l.cookie, offerForm)).toBe(302);
    for (const path of [`/lender/referrals/${referralId}`, "/lender", "/lender/products"]) {
      const response = await request(path, { cookie: l.cookie });
      expect(response.status, path).toBe(200);
      expectNoLeak(path, await response.text());
    }
    const loaded = await getReferralForLender(prisma, l.org.id, referralId);
    expectNoLeak(
      "getReferralForLender",
      JSON.stringify(loaded, (_key, value) => (typeof value === "bigint" ? value.toString() : value)),
    );
    const pkg = await prisma.applicationPackage.findUniqueOrThrow({
      where: { applicationId: app.applicationId },
      select: { packageJson: true },
    });
    expectNoLeak("package", pkg.packageJson);
    const mails = await prisma.outboxEmail.findMany({ select: { subject: true, text: true, html: true } });
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails)
      expectNoLeak(`e-mail ${mail.subject}`, `${mail.subject}\n${mail.text}\n${mail.html ?? ""}`);
    const audit = await prisma.auditEvent.findMany({ select: { action: true, summaryJson: true } });
    for (const event of audit) expectNoLeak(`audit ${event.action}`, event.summaryJson);
    const deliveries = await prisma.webhookDelivery.findMany({
      where: { endpoint: { lenderOrgId: l.org.id } },
      select: { type: true, payloadJson: true },
    });
    expect(deliveries.map((d) => d.type)).toEqual(
      expect.arrayContaining(["referral.created", "info_request.answered"]),
    );
    for (const delivery of deliveries) expectNoLeak(`webhook ${delivery.type}`, delivery.payloadJson);
    expect(audit.some((e) => e.action === "application.demographics_changed")).toBe(true);
    // The lender's own attempt at the applicant's page is a 404.
    expect(
      (await request(`/merchant/applications/${app.applicationId}/demographics`, { cookie: l.cookie }))
        .status,
    ).toBe(404);
    expect((await request("/admin/demographics", { cookie: l.cookie })).status).toBe(404);
    expect((await request("/admin/demographics.csv", { cookie: l.cookie })).status).toBe(404);

    // The documents people keep carry none of it: the offer's disclosure, the signed acceptance
    // (the merchant's and the lender's copy, each linked from its page) and an adverse-action notice.
    const offer = await prisma.offer.findFirstOrThrow({ where: { referralId }, select: { id: true } });
    const merchantPage = await (
      await request(`/merchant/applications/${app.applicationId}`, { cookie: app.cookie })
    ).text();
    expect(merchantPage).toContain(`href="/merchant/offers/${offer.id}/disclosure.pdf"`);
    const accepted = await request(`/merchant/applications/${app.applicationId}`, {
      cookie: app.cookie,
      form: {
        intent: "accept-offer",
        offerId: offer.id,
        signatureName: "Rv Owner",
        consent: "on",
        disclosureSha256: shownDisclosureHash(merchantPage, offer.id),
      },
    });
    expect(accepted.status).toBe(302);
    const acceptedPage = await (
      await request(`/merchant/applications/${app.applicationId}`, { cookie: app.cookie })
    ).text();
    expect(acceptedPage).toContain(`href="/merchant/offers/${offer.id}/signed.pdf"`);
    const reviewPage = await (await request(`/lender/referrals/${referralId}`, { cookie: l.cookie })).text();
    expect(reviewPage).toContain(`href="/lender/offers/${offer.id}/signed.pdf"`);
    const declined = await submitted([l.org.id]);
    expect(
      (
        await request(`/merchant/applications/${declined.applicationId}/demographics`, {
          cookie: declined.cookie,
          form: ANSWERS,
        })
      ).status,
    ).toBe(302);
    const declinedReferral = declined.referralOf(l.org.id);
    expect(await post(declinedReferral, l.cookie, { intent: "start" })).toBe(302);
    expect(await post(declinedReferral, l.cookie, { intent: "decline", reasons: ["PAYMENT_TERMS"] })).toBe(
      302,
    );
    const notice = await prisma.adverseActionNotice.findFirstOrThrow({
      where: { applicationId: declined.applicationId },
      select: { id: true },
    });
    const noticeBase = `/merchant/applications/${declined.applicationId}/notices/${notice.id}`;
    expect(
      await (
        await request(`/merchant/applications/${declined.applicationId}`, { cookie: declined.cookie })
      ).text(),
    ).toContain(`href="${noticeBase}/pdf"`);
    for (const [path, cookie] of [
      [`/merchant/offers/${offer.id}/disclosure.pdf`, app.cookie],
      [`/merchant/offers/${offer.id}/signed.pdf`, app.cookie],
      [`/lender/offers/${offer.id}/signed.pdf`, l.cookie],
      [`${noticeBase}/pdf`, declined.cookie],
    ] as const) {
      const response = await request(path, { cookie });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      const text = await pdfPlainText(new Uint8Array(await response.arrayBuffer()));
      expect(text.length, path).toBeGreaterThan(200);
      expectNoLeak(path, text);
    }

    // Every CSV export, the lender's and the admins', carries none of it either (the register's own
    // download is the only place the answers leave the app).
    const lenderExport = await request("/lender/referrals.csv", { cookie: l.cookie });
    expect(lenderExport.status).toBe(200);
    const lenderCsv = readCsvExport(Buffer.from(await lenderExport.arrayBuffer()));
    expect(lenderCsv.rows.map((row) => row.referral_id)).toContain(referralId);
    expectNoLeak("/lender/referrals.csv", lenderCsv.text);
    const admin = await createAdmin(prisma, {
      email: `${unique("fw")}@tradelift.example`,
      name: "Firewall Admin",
      password: "correct horse battery staple",
    });
    const adminCookie = await cookieFor(admin.id);
    for (const path of ["/admin/applications.csv", "/admin/users.csv", "/admin/audit.csv"]) {
      const response = await request(path, { cookie: adminCookie });
      expect(response.status, path).toBe(200);
      const csv = readCsvExport(Buffer.from(await response.arrayBuffer()));
      expect(csv.rows.length, path).toBeGreaterThan(0);
      expectNoLeak(path, csv.text);
    }
  });
});
