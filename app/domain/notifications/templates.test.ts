import { describe, expect, it } from "vitest";
import * as templates from "./templates";
import { absoluteUrl, escapeHtml, htmlFromText, renderEmail } from "./templates";

const APP = "https://app.tradelift.example";

describe("renderEmail", () => {
  const hostile = `Bad <script>alert("x")</script> & Co's`;
  const rendered = renderEmail(
    templates.offerWithdrawnEmail({ lenderName: hostile, reason: "<b>full</b>", applicationId: "app_1" }),
    APP,
  );

  it("escapes every value in the HTML part and keeps the text part as written", () => {
    expect(rendered.html).not.toContain("<script>");
    expect(rendered.html).not.toContain("<b>full</b>");
    expect(rendered.html).toContain("Bad &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co&#39;s");
    expect(rendered.html).toContain("&lt;b&gt;full&lt;/b&gt;");
    expect(rendered.text).toContain(`${hostile} withdrew its offer`);
    expect(rendered.subject).toBe(`${hostile} withdrew its offer`);
  });

  it("links to the exact page, absolute from APP_URL, in both parts", () => {
    const link = `${APP}/merchant/applications/app_1`;
    expect(rendered.text).toContain(`Open your application: ${link}`);
    expect(rendered.html).toContain(`href="${link}"`);
  });

  it("numbers a list in the text and renders it as a list in HTML", () => {
    const email = renderEmail({ subject: "S", body: ["Reasons:", { list: ["One", "Two <2>"] }] }, APP);
    expect(email.text).toContain("1. One\n2. Two <2>");
    expect(email.html).toContain("<ol");
    expect(email.html).toContain("<li>Two &lt;2&gt;</li>");
  });
});

describe("absoluteUrl", () => {
  it("joins APP_URL (with or without a path or a trailing slash) and an app path", () => {
    expect(absoluteUrl("https://x.example", "/a#b")).toBe("https://x.example/a#b");
    expect(absoluteUrl("https://x.example/", "/a")).toBe("https://x.example/a");
  });
  it("refuses what is not an app path", () => {
    expect(() => absoluteUrl(APP, "https://evil.example/")).toThrow();
    expect(() => absoluteUrl(APP, "//evil.example/")).toThrow();
  });
});

describe("htmlFromText", () => {
  it("escapes a plain-text message and makes its addresses links", () => {
    const html = htmlFromText("Reset", "Hello <you>,\n\nOpen https://app.example/reset/abc.\n\nBye", APP);
    expect(html).toContain("Hello &lt;you&gt;,");
    expect(html).toContain(
      '<a href="https://app.example/reset/abc" style="color:#0646c2">https://app.example/reset/abc</a>.',
    );
  });
});

describe("every template", () => {
  // Each template, with values that would break HTML, renders both parts and links into the app.
  const hostile = "<i>x</i>";
  const cases: templates.EmailTemplate[] = [
    templates.offerMadeEmail({
      lenderName: hostile,
      amount: "$1",
      aprPercent: "9%",
      expiresOn: "Dec 8, 2026",
      applicationId: "a",
      offerId: "o",
    }),
    templates.offerWithdrawnEmail({ lenderName: hostile, reason: hostile, applicationId: "a" }),
    templates.infoRequestedEmail({
      lenderName: hostile,
      dueOn: "Dec 8",
      applicationId: "a",
      infoRequestId: "q",
    }),
    templates.infoAnsweredEmail({ merchantName: hostile, referralId: "r" }),
    templates.offerExpiredForMerchantEmail({ lenderName: hostile, applicationId: "a" }),
    templates.offerExpiredForLenderEmail({ merchantName: hostile, referralId: "r" }),
    templates.newReferralEmail({
      merchantName: hostile,
      amount: "$1",
      tenorDays: 90,
      score: null,
      grade: null,
      referralId: "r",
    }),
    templates.orderCancelledEmail({
      merchantName: hostile,
      order: hostile,
      reason: hostile,
      referralId: "r",
    }),
    templates.sanctionsMatchEmail({
      merchantName: hostile,
      applicationId: "a",
      status: "offered",
      referralId: "r",
    }),
    templates.applicationClosedEmail({ merchantName: hostile, referralId: "r" }),
    templates.applicationWithdrawnEmail({ merchantName: hostile, referralId: "r" }),
    templates.offerAcceptedForLenderEmail({ merchantName: hostile, amount: "$1", referralId: "r" }),
    templates.offerAcceptedForMerchantEmail({
      signerName: hostile,
      lenderName: hostile,
      amount: "$1",
      applicationId: "a",
    }),
    templates.offerDeclinedEmail({ merchantName: hostile, amount: "$1", referralId: "r" }),
    templates.fundingSentEmail({
      lenderName: hostile,
      amount: "$1",
      fundedOn: "2026-12-01",
      reference: hostile,
      applicationId: "a",
    }),
    templates.noticeEmail({
      subject: "Notice",
      blocks: [hostile, { list: [hostile] }],
      applicationId: "a",
      noticeId: "n",
    }),
    templates.partnerApplicationForAdminsEmail({
      organisation: hostile,
      contactName: hostile,
      contactEmail: "a@b.example",
      products: "Term loans",
      lenderOrgId: "l",
    }),
  ];
  it.each(cases.map((t) => [t.subject, t] as const))("%s", (_subject, template) => {
    const email = renderEmail(template, APP);
    expect(email.html).not.toContain("<i>");
    expect(email.text.length).toBeGreaterThan(20);
    expect(template.action?.path).toMatch(/^\/(merchant|lender|admin)\//);
    expect(email.text).toContain(`${APP}${template.action?.path}`);
    expect(email.html).toContain(`href="${escapeHtml(`${APP}${template.action?.path}`)}"`);
  });
  it("the applicant's answer has no link and escapes the names", () => {
    const email = renderEmail(
      templates.partnerApplicationRejectedEmail({ contactName: hostile, organisation: hostile }),
      APP,
    );
    expect(email.html).not.toContain("<i>");
    expect(email.html).not.toContain("href=");
  });
  it("the applicant's acknowledgement has no link (they have no account) and escapes the name", () => {
    const email = renderEmail(
      templates.partnerApplicationReceivedEmail({ contactName: hostile, organisation: "Acme" }),
      APP,
    );
    expect(email.html).not.toContain("<i>");
    expect(email.html).not.toContain("href=");
  });
});
