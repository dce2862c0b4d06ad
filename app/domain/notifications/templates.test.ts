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
      openUntil: "Dec 8, 2026, 3:04 PM PST",
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
    templates.applicationExpiredEmail({ days: 30, hadOffers: true, notices: 2, applicationId: "a" }),
    templates.paymentReminderEmail({
      lenderName: hostile,
      number: 1,
      amount: "$1",
      dueOn: "2026-12-08",
      dealId: "d",
    }),
    templates.latePaymentEmail({
      lenderName: hostile,
      number: 1,
      amount: "$2",
      remaining: "$1",
      dueOn: "2026-12-08",
      daysPastDue: 2,
      dealId: "d",
    }),
    templates.paymentRecordedEmail({
      lenderName: hostile,
      byBuyer: true,
      amount: "$1",
      paidOn: "2026-12-08",
      dealId: "d",
      outcome: { kind: "open", outstanding: "$9", next: { amount: "$3", dueOn: "2027-01-08" } },
    }),
    templates.writtenOffEmail({ lenderName: hostile, outstanding: "$9", reason: hostile, dealId: "d" }),
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

describe("the repayment e-mails", () => {
  const base = {
    lenderName: "Harbor",
    amount: "$100.00",
    paidOn: "2026-12-08",
    dealId: "deal_1",
    byBuyer: false,
  };

  it("link to the deal's own section of the merchant's repayments page", () => {
    const email = renderEmail(
      templates.paymentReminderEmail({
        lenderName: "Harbor",
        number: 2,
        amount: "$50.00",
        dueOn: "2026-12-08",
        dealId: "deal_1",
      }),
      APP,
    );
    expect(email.subject).toBe("Payment due on 2026-12-08: $50.00 to Harbor");
    expect(email.text).toContain(`See what you owe: ${APP}/merchant/repayments#deal-deal_1`);
    expect(email.html).toContain(`href="${APP}/merchant/repayments#deal-deal_1"`);
  });

  it("say whether the financing is still open, paid off, or settled with a rebate", () => {
    const open = renderEmail(
      templates.paymentRecordedEmail({
        ...base,
        outcome: { kind: "open", outstanding: "$400.00", next: null },
      }),
      APP,
    );
    expect(open.subject).toBe("Harbor recorded your payment");
    expect(open.text).toContain("$400.00 remains on your schedule.");
    const paidOff = renderEmail(
      templates.paymentRecordedEmail({ ...base, outcome: { kind: "paid-off" } }),
      APP,
    );
    expect(paidOff.subject).toBe("Your financing with Harbor is paid off");
    expect(paidOff.text).toContain("nothing more is owed");
    const rebate = renderEmail(
      templates.paymentRecordedEmail({
        ...base,
        byBuyer: true,
        outcome: { kind: "rebate", rebate: "$12.00" },
      }),
      APP,
    );
    expect(rebate.text).toContain("your buyer's payment of the invoice");
    expect(rebate.text).toContain("owes you a rebate of $12.00");
  });
});

describe("the account e-mails", () => {
  const hostile = "<i>x</i>";
  // One-time links are made by their module from APP_URL; the e-mail must carry them unchanged.
  const oneTime = [
    [
      "an invitation",
      (link: string) =>
        templates.invitationEmail({
          name: hostile,
          where: hostile,
          link,
          expiresAt: "Dec 8, 2026, 10:00 AM UTC",
        }),
      "/invitations/tok_A-1",
    ],
    [
      "a sign-up confirmation",
      (link: string) =>
        templates.signupConfirmationEmail({ name: hostile, businessName: hostile, link, hours: 24 }),
      "/verify-email/tok_A-1",
    ],
    ["a password reset", (link: string) => templates.passwordResetEmail({ link }), "/reset-password/tok_A-1"],
    [
      "an unlock",
      (link: string) => templates.failedLoginsEmail({ what: "code", failures: 5, sourceStopped: true, link }),
      "/unlock/tok_A-1",
    ],
  ] as const;

  it.each(oneTime)("%s carries its one-time link exactly, in both parts", (_name, make, path) => {
    const link = `${APP}${path}`;
    const email = renderEmail(make(link), APP);
    expect(email.text).toContain(link);
    expect(email.html).toContain(`href="${link}"`);
    expect(email.html).not.toContain("<i>");
  });

  const pages: [templates.EmailTemplate, string][] = [
    [templates.accountExistsEmail(), "/login"],
    [templates.passwordChangedEmail(), "/forgot-password"],
    [templates.recoveryCodeUsedEmail({ left: 1 }), "/settings/two-factor"],
    [templates.twoFactorDisabledEmail(), "/settings/two-factor"],
    [templates.twoFactorResetEmail({ required: false }), "/settings/two-factor"],
    [templates.twoFactorResetEmail({ required: true }), "/login"],
  ];
  it.each(pages.map(([t, path]) => [t.subject, t, path] as const))(
    "%s links to its page",
    (_s, template, path) => {
      const email = renderEmail(template, APP);
      expect(template.action?.path).toBe(path);
      expect(email.text).toContain(`${APP}${path}`);
      expect(email.html).toContain(`href="${APP}${path}"`);
    },
  );

  it("lists the other pages a message names after its action, in both parts", () => {
    const email = renderEmail(templates.accountExistsEmail(), APP);
    expect(email.text).toContain(
      `Log in: ${APP}/login\n\nForgot the password? Choose a new one: ${APP}/forgot-password`,
    );
    expect(email.html).toContain(`href="${APP}/forgot-password"`);
  });

  it("counts the recovery codes left in words that agree", () => {
    expect(renderEmail(templates.recoveryCodeUsedEmail({ left: 1 }), APP).text).toContain(
      "1 of them is left",
    );
    expect(renderEmail(templates.recoveryCodeUsedEmail({ left: 3 }), APP).text).toContain(
      "3 of them are left",
    );
  });

  it("tells someone who signed up with a new address why they receive it (they have no account yet)", () => {
    const email = renderEmail(
      templates.signupConfirmationEmail({
        name: "A",
        businessName: "B",
        link: `${APP}/verify-email/t`,
        hours: 24,
      }),
      APP,
    );
    expect(email.text).toContain("someone signed up for TradeLift with this address");
    expect(email.text).not.toContain("because you have an account");
  });
});
