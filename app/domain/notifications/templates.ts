// Every e-mail TradeLift sends, as small typed templates: each says what happened in a few
// paragraphs and links to the exact page it talks about. One renderer turns a template into the
// two parts of a multipart/alternative message, a plain text and an HTML body, escaping every value
// (a merchant's or lender's name, a reason typed by a person) and making every link absolute from
// APP_URL (docs/design/platform.md, "E-mail"). Pure: no environment, no clock.

/** A block of the body: a paragraph, or a numbered list (a notice's reasons). */
export type EmailBlock = string | { list: readonly string[] };

export type EmailTemplate = {
  subject: string;
  body: readonly EmailBlock[];
  /** The page the message is about: a path of the app ("/merchant/applications/…"). */
  action?: { label: string; path: string };
  /** Other pages the message names (a log-in page beside "choose a new password"), after the action. */
  links?: readonly { label: string; path: string }[];
  /** Why the recipient gets it, when not because they have an account. */
  footer?: string;
};

export type RenderedEmail = { subject: string; text: string; html: string };

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** An absolute link to a path of the app; refuses anything but an app path (no open redirect in mail). */
export function absoluteUrl(appUrl: string, path: string): string {
  if (!path.startsWith("/") || path.startsWith("//")) throw new Error(`Not an app path: ${path}`);
  return new URL(path, appUrl.endsWith("/") ? appUrl : `${appUrl}/`).toString();
}

const FOOTER = "You receive this because you have an account on TradeLift.";

export function renderEmail(template: EmailTemplate, appUrl: string): RenderedEmail {
  const footer = template.footer ?? FOOTER;
  const link = template.action ? absoluteUrl(appUrl, template.action.path) : null;
  const others = (template.links ?? []).map((l) => ({ label: l.label, url: absoluteUrl(appUrl, l.path) }));
  const textBlocks = template.body.map((block) =>
    typeof block === "string" ? block : block.list.map((item, i) => `${i + 1}. ${item}`).join("\n"),
  );
  const text = [
    ...textBlocks,
    ...(link && template.action ? [`${template.action.label}: ${link}`] : []),
    ...(others.length ? [others.map((l) => `${l.label}: ${l.url}`).join("\n")] : []),
    `— TradeLift\n${footer}`,
  ].join("\n\n");
  const htmlBlocks = template.body.map((block) =>
    typeof block === "string"
      ? `<p style="margin:0 0 16px">${escapeHtml(block).replaceAll("\n", "<br>")}</p>`
      : `<ol style="margin:0 0 16px;padding-left:24px">${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ol>`,
  );
  const button =
    link && template.action
      ? `<p style="margin:24px 0"><a href="${escapeHtml(link)}" style="background:#0b5fff;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(template.action.label)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#44506a">Or open this address: <a href="${escapeHtml(link)}" style="color:#0646c2">${escapeHtml(link)}</a></p>`
      : "";
  const otherHtml = others
    .map(
      (l) =>
        `<p style="margin:0 0 8px;font-size:14px">${escapeHtml(l.label)}: <a href="${escapeHtml(l.url)}" style="color:#0646c2">${escapeHtml(l.url)}</a></p>`,
    )
    .join("");
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(template.subject)}</title></head><body style="margin:0;padding:24px;background:#f6f7fb;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#14213d;line-height:1.5"><div style="max-width:600px;margin:0 auto;background:#ffffff;border:1px solid #d9dee7;border-radius:10px;padding:24px"><p style="margin:0 0 16px;font-weight:700;color:#0b5fff">TradeLift</p>${htmlBlocks.join("")}${button}${otherHtml}<p style="margin:24px 0 0;font-size:12px;color:#5f6b7f">${escapeHtml(footer)}</p></div></body></html>`;
  return { subject: template.subject, text, html };
}

/**
 * An HTML body for a message written as plain text only (a bare `{ subject, text }`): the
 * text escaped paragraph by paragraph, web addresses made links. The text part stays as written.
 */
export function htmlFromText(subject: string, text: string, appUrl: string): string {
  const { html } = renderEmail({ subject, body: text.split(/\n{2,}/) }, appUrl);
  return html.replace(/https?:\/\/[^\s<>"']+/g, (url) => {
    const trimmed = url.replace(/[.,;:)]+$/, "");
    return `<a href="${trimmed}" style="color:#0646c2">${trimmed}</a>${url.slice(trimmed.length)}`;
  });
}

// ─── the templates ───────────────────────────────────────────────────────────────────────────────

const applicationPage = (applicationId: string, anchor?: string) =>
  `/merchant/applications/${applicationId}${anchor ? `#${anchor}` : ""}`;
const referralPage = (referralId: string) => `/lender/referrals/${referralId}`;

/** To the merchant: a lender made an offer (its disclosure is attached). */
export function offerMadeEmail(input: {
  lenderName: string;
  amount: string;
  aprPercent: string;
  /** When the offer lapses, in the reader's time zone with its abbreviation. */
  openUntil: string;
  applicationId: string;
  offerId: string;
}): EmailTemplate {
  return {
    subject: `An offer from ${input.lenderName}`,
    body: [
      `${input.lenderName} offered ${input.amount} with an estimated APR of ${input.aprPercent}. Its full disclosure is attached.`,
      `The offer is open until ${input.openUntil}. Compare every offer, with its full cost, on your application's page before you accept one.`,
    ],
    action: { label: "See the offer", path: applicationPage(input.applicationId, `offer-${input.offerId}`) },
  };
}

/** To the merchant: a lender took back its offer, with its reason. */
export function offerWithdrawnEmail(input: {
  lenderName: string;
  reason: string;
  applicationId: string;
}): EmailTemplate {
  return {
    subject: `${input.lenderName} withdrew its offer`,
    body: [
      `${input.lenderName} withdrew its offer on your TradeLift application.`,
      `Their reason: ${input.reason}`,
    ],
    action: { label: "Open your application", path: applicationPage(input.applicationId) },
  };
}

/** To the merchant: a lender asked a question or for a document, due by a day. */
export function infoRequestedEmail(input: {
  lenderName: string;
  dueOn: string;
  applicationId: string;
  infoRequestId: string;
}): EmailTemplate {
  return {
    subject: "A lender asked for more information",
    body: [
      `${input.lenderName}, reviewing your TradeLift application, asked a question or for a document.`,
      `Answer it by ${input.dueOn}: past that day you will be sent a notice of incompleteness, and without an answer the lender will not consider the application further.`,
    ],
    action: {
      label: "Answer the question",
      path: applicationPage(input.applicationId, `question-${input.infoRequestId}`),
    },
  };
}

/** To the lender: the merchant answered its request; the referral is back in review. */
export function infoAnsweredEmail(input: { merchantName: string; referralId: string }): EmailTemplate {
  return {
    subject: "A merchant answered your request",
    body: [
      `${input.merchantName} answered your request for information on TradeLift; the application is back in your review.`,
    ],
    action: { label: "Read the answer", path: referralPage(input.referralId) },
  };
}

/** To the merchant: an offer passed its time unanswered. */
export function offerExpiredForMerchantEmail(input: {
  lenderName: string;
  applicationId: string;
}): EmailTemplate {
  return {
    subject: `The offer from ${input.lenderName} has expired`,
    body: [
      `The offer from ${input.lenderName} on your TradeLift application expired before it was accepted. Other offers, if any, are still on your application's page.`,
    ],
    action: { label: "Open your application", path: applicationPage(input.applicationId) },
  };
}

/** To the lender: its offer passed its time unanswered. */
export function offerExpiredForLenderEmail(input: {
  merchantName: string;
  referralId: string;
}): EmailTemplate {
  return {
    subject: "Your TradeLift offer has expired",
    body: [
      `Your offer to ${input.merchantName} expired before the merchant answered. The application is back in your review: you may make a new offer or decline.`,
    ],
    action: { label: "Open the referral", path: referralPage(input.referralId) },
  };
}

/** To a lender: a new application matched one of its products. */
export function newReferralEmail(input: {
  merchantName: string;
  amount: string;
  tenorDays: number;
  score: number | null;
  grade: string | null;
  referralId: string;
}): EmailTemplate {
  const score =
    input.score === null
      ? "without a Trade Readiness Score"
      : `with a Trade Readiness Score of ${input.score}`;
  return {
    subject: "A new application is in your TradeLift queue",
    body: [
      `${input.merchantName} applied for ${input.amount} over ${input.tenorDays} days, ${score}${input.grade ? ` (grade ${input.grade})` : ""}.`,
      "It matches one of your products and is waiting in your review queue.",
    ],
    action: { label: "Review the application", path: referralPage(input.referralId) },
  };
}

/** To a lender: the merchant cancelled an order its application financed. */
export function orderCancelledEmail(input: {
  merchantName: string;
  order: string;
  reason: string;
  referralId: string;
}): EmailTemplate {
  return {
    subject: "An order in an application you are reviewing was cancelled",
    body: [
      `${input.merchantName} cancelled export order ${input.order}, which their application financed.`,
      `Reason given: ${input.reason}`,
      "The referral's page shows it beside the package you decided on.",
    ],
    action: { label: "Open the referral", path: referralPage(input.referralId) },
  };
}

/** To a lender: compliance confirmed a sanctions match on an application it holds. */
export function sanctionsMatchEmail(input: {
  merchantName: string;
  applicationId: string;
  status: string;
  referralId: string;
}): EmailTemplate {
  return {
    subject: "A party to an application you hold matched the OFAC SDN list",
    body: [
      `TradeLift's compliance review confirmed that a party to ${input.merchantName}'s application (${input.applicationId}) is on the OFAC SDN list.`,
      `The application is ${input.status}; act under your own sanctions procedures.`,
    ],
    action: { label: "Open the referral", path: referralPage(input.referralId) },
  };
}

/** To the other lenders: the merchant accepted another lender's offer. */
export function applicationClosedEmail(input: { merchantName: string; referralId: string }): EmailTemplate {
  return {
    subject: "A TradeLift application you were reviewing is closed",
    body: [
      `${input.merchantName} chose another lender's offer on an application you were reviewing, so the application is closed: no offer, request or decision can be made on it any more. Any offer you made was declined.`,
    ],
    action: { label: "Open the referral", path: referralPage(input.referralId) },
  };
}

/** To the lenders: the merchant withdrew the application. */
export function applicationWithdrawnEmail(input: {
  merchantName: string;
  referralId: string;
}): EmailTemplate {
  return {
    subject: "A TradeLift application you were reviewing was withdrawn",
    body: [
      `${input.merchantName} withdrew an application you were reviewing. It is closed: any offer you made on it was withdrawn, and no offer, request or decision can be made on it any more.`,
    ],
    action: { label: "Open the referral", path: referralPage(input.referralId) },
  };
}

/** To the lender: its offer was accepted and signed (the signed disclosure is attached). */
export function offerAcceptedForLenderEmail(input: {
  merchantName: string;
  amount: string;
  referralId: string;
}): EmailTemplate {
  return {
    subject: "Your TradeLift offer was accepted",
    body: [
      `${input.merchantName} accepted and signed your offer of ${input.amount}. The signed disclosure is attached.`,
      "Send the funds provided and record the funding in TradeLift with the amount, date and payment reference.",
    ],
    action: { label: "Record the funding", path: referralPage(input.referralId) },
  };
}

/** To the merchant: the copy of what they accepted and signed. */
export function offerAcceptedForMerchantEmail(input: {
  signerName: string;
  lenderName: string;
  amount: string;
  applicationId: string;
}): EmailTemplate {
  return {
    subject: `You accepted ${input.lenderName}'s offer`,
    body: [
      `${input.signerName} accepted and signed ${input.lenderName}'s offer of ${input.amount} on TradeLift.`,
      "The signed disclosure, with its signature record, is attached: keep it.",
      `${input.lenderName} will send the funds and record them on your application.`,
    ],
    action: { label: "Open your application", path: applicationPage(input.applicationId) },
  };
}

/** To the lender: the merchant declined its offer. */
export function offerDeclinedEmail(input: {
  merchantName: string;
  amount: string;
  referralId: string;
}): EmailTemplate {
  return {
    subject: "The merchant declined your TradeLift offer",
    body: [
      `${input.merchantName} declined your offer of ${input.amount}.`,
      "The referral is back in review: you may make another offer or decline it.",
    ],
    action: { label: "Open the referral", path: referralPage(input.referralId) },
  };
}

/** To the merchant: the lender recorded that it sent the money. */
export function fundingSentEmail(input: {
  lenderName: string;
  amount: string;
  fundedOn: string;
  reference: string;
  applicationId: string;
}): EmailTemplate {
  return {
    subject: `${input.lenderName} sent your financing`,
    body: [
      `${input.lenderName} recorded that it sent ${input.amount} on ${input.fundedOn}, with the payment reference "${input.reference}".`,
      "Check that it reached your account; the details are on your application.",
    ],
    action: { label: "Open your application", path: applicationPage(input.applicationId) },
  };
}

/** To the merchant: a Regulation B notice, its text in the body and its PDF attached. */
export function noticeEmail(input: {
  subject: string;
  blocks: readonly EmailBlock[];
  applicationId: string;
  noticeId: string;
}): EmailTemplate {
  return {
    subject: input.subject,
    body: [
      ...input.blocks,
      "The notice is attached as a PDF, and you can read it on your application's page on TradeLift.",
    ],
    action: {
      label: "Read the notice",
      path: `/merchant/applications/${input.applicationId}/notices/${input.noticeId}`,
    },
  };
}

/** To the person who applied through the public form: we have it, an admin reviews it. */
export function partnerApplicationReceivedEmail(input: {
  contactName: string;
  organisation: string;
}): EmailTemplate {
  return {
    subject: "We received your application to lend on TradeLift",
    body: [
      `Dear ${input.contactName},`,
      `Thank you for applying for ${input.organisation} to become a lending partner on TradeLift. Our team reviews every application and will write to you at this address.`,
      "Until then nothing is needed from you.",
    ],
    footer: "You receive this because you applied to become a lending partner on TradeLift.",
  };
}

/** To the person who applied through the public form: an admin turned the application down. */
export function partnerApplicationRejectedEmail(input: {
  contactName: string;
  organisation: string;
}): EmailTemplate {
  return {
    subject: "Your application to lend on TradeLift",
    body: [
      `Dear ${input.contactName},`,
      `Thank you for your interest in TradeLift. After review, we are not able to take ${input.organisation} on as a lending partner at this time.`,
      "You are welcome to write to us if your products or licences change.",
    ],
    footer: "You receive this because you applied to become a lending partner on TradeLift.",
  };
}

/** To the admins: a lending partner applied through the public form. */
export function partnerApplicationForAdminsEmail(input: {
  organisation: string;
  contactName: string;
  contactEmail: string;
  products: string;
  lenderOrgId: string;
}): EmailTemplate {
  return {
    subject: `New lending partner application: ${input.organisation}`,
    body: [
      `${input.organisation} applied to become a lending partner.`,
      `Contact: ${input.contactName} <${input.contactEmail}>`,
      `Products of interest: ${input.products}`,
      "It is pending: approve or reject it from its page.",
    ],
    action: { label: "Review the application", path: `/admin/partners/${input.lenderOrgId}` },
  };
}

// ─── accounts ────────────────────────────────────────────────────────────────────────────────────
// One-time links (an invitation, a sign-up confirmation, a password reset, an unlock) are made by
// their module from APP_URL with their token; the template takes that address and links to it
// unchanged (its path, made absolute again from the same APP_URL).

/** The path of a one-time link the app made from APP_URL. */
export function oneTimePath(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** To someone an admin or a lender's admin invited: choose a password through the one-time link. */
export function invitationEmail(input: {
  name: string;
  where: string;
  link: string;
  expiresAt: string;
}): EmailTemplate {
  return {
    subject: "Your invitation to TradeLift",
    body: [
      `Hello ${input.name},`,
      `You have been invited to join ${input.where}.`,
      `Open the link below to choose your password. It works once and expires on ${input.expiresAt}.`,
      "If you did not expect this invitation, ignore this message.",
    ],
    action: { label: "Choose your password", path: oneTimePath(input.link) },
    footer: "You receive this because someone invited this address to TradeLift.",
  };
}

/** To the address a merchant signed up with: confirm it through the one-time link. */
export function signupConfirmationEmail(input: {
  name: string;
  businessName: string;
  link: string;
  hours: number;
}): EmailTemplate {
  return {
    subject: "Confirm your e-mail address for TradeLift",
    body: [
      `Hello ${input.name},`,
      `To finish creating the TradeLift account of ${input.businessName}, confirm that this address is yours.`,
      `The link works once, for ${input.hours} hours. If you did not sign up, ignore this message: no account is created.`,
    ],
    action: { label: "Confirm your address", path: oneTimePath(input.link) },
    footer: "You receive this because someone signed up for TradeLift with this address.",
  };
}

/** To the owner of an address someone tried to sign up with again (sign-up itself says nothing). */
export function accountExistsEmail(): EmailTemplate {
  return {
    subject: "TradeLift: you already have an account",
    body: [
      "Someone (we hope you) tried to create a TradeLift account with this address, which already has one.",
      "If it was you, log in; if you forgot the password, choose a new one.",
      "If it was not you, ignore this message: nothing changed.",
    ],
    action: { label: "Log in", path: "/login" },
    links: [{ label: "Forgot the password? Choose a new one", path: "/forgot-password" }],
  };
}

/** To the owner: failed log-ins slowed the account; the one-time link unlocks it. */
export function failedLoginsEmail(input: {
  what: "password" | "code";
  failures: number;
  sourceStopped: boolean;
  link: string;
}): EmailTemplate {
  return {
    subject: "TradeLift: failed log-ins to your account",
    body: [
      `Someone tried to log in to your TradeLift account with a wrong ${input.what === "code" ? "two-factor code" : "password"} ${input.failures} times${input.sourceStopped ? ", and log-in from their network is paused" : ""}.`,
      "If it was you, the link below unlocks log-in at once (it works once, for 24 hours).",
      input.what === "code"
        ? "If it was not you, someone knows your password: reset it at once."
        : "If it was not you, your password is still safe; consider changing it to a long, unique one.",
    ],
    action: { label: "Unlock log-in", path: oneTimePath(input.link) },
    links: [
      input.what === "code"
        ? { label: "Reset your password", path: "/forgot-password" }
        : { label: "Change your password", path: "/settings/password" },
    ],
  };
}

/** To the owner who asked: the one-time link to choose a new password. */
export function passwordResetEmail(input: { link: string }): EmailTemplate {
  return {
    subject: "Reset your TradeLift password",
    body: [
      "Someone (we hope you) asked to reset the password of your TradeLift account.",
      "The link below lets you choose a new one. It works once, for the next hour.",
      "If you did not ask, ignore this message: your password stays as it is.",
    ],
    action: { label: "Choose a new password", path: oneTimePath(input.link) },
  };
}

/** To the owner: the password was reset through the e-mailed link. */
export function passwordChangedEmail(): EmailTemplate {
  return {
    subject: "Your TradeLift password was changed",
    body: [
      "The password of your TradeLift account was just reset through the link we e-mailed, and every session was signed out.",
      "If this was not you, reset it again at once and tell us.",
    ],
    action: { label: "Reset it again", path: "/forgot-password" },
  };
}

/** To the owner: a recovery code was spent at log-in. */
export function recoveryCodeUsedEmail(input: { left: number }): EmailTemplate {
  return {
    subject: "TradeLift: a recovery code was used to log in",
    body: [
      "Someone logged in to your TradeLift account with one of your two-factor recovery codes.",
      `Each code works once; ${input.left} of them ${input.left === 1 ? "is" : "are"} left.`,
      "If it was you, consider making new codes in your two-factor settings.",
      "If it was not you, reset your password at once and tell us: your password and a recovery code are known to someone else.",
    ],
    action: { label: "Make new recovery codes", path: "/settings/two-factor" },
    links: [{ label: "Reset your password", path: "/forgot-password" }],
  };
}

/** To the owner: they (or someone with their session) turned two-factor authentication off. */
export function twoFactorDisabledEmail(): EmailTemplate {
  return {
    subject: "TradeLift: two-factor authentication was turned off",
    body: [
      "Two-factor authentication was just turned off for your TradeLift account; log-in now asks for the password only.",
      "If this was not you, reset your password at once, turn two-factor authentication on again and tell us.",
    ],
    action: { label: "Turn it on again", path: "/settings/two-factor" },
    links: [{ label: "Reset your password", path: "/forgot-password" }],
  };
}

/** To the owner: an administrator reset their two-factor authentication and ended their sessions. */
export function twoFactorResetEmail(input: { required: boolean }): EmailTemplate {
  return {
    subject: "TradeLift: your two-factor authentication was reset",
    body: [
      "A TradeLift administrator reset the two-factor authentication of your account, and every session was signed out.",
      input.required
        ? "At your next log-in you will set up an authenticator app again."
        : "Log-in now asks for the password only; you can turn two-factor authentication on again in your settings.",
      "If you did not ask for this, tell us at once.",
    ],
    action: input.required
      ? { label: "Log in", path: "/login" }
      : { label: "Two-factor settings", path: "/settings/two-factor" },
  };
}

// ─── applications and repayments ─────────────────────────────────────────────────────────────────

/** To the merchant: the application ran out of time without an accepted offer. */
export function applicationExpiredEmail(input: {
  days: number;
  hadOffers: boolean;
  notices: number;
  applicationId: string;
}): EmailTemplate {
  const n = input.notices;
  return {
    subject: "Your TradeLift application has expired",
    body: [
      input.hadOffers
        ? `No offer was accepted within ${input.days} days, so your application has expired.`
        : `No lender made an offer within ${input.days} days, so your application has expired.`,
      ...(n > 0
        ? [
            `${n === 1 ? "A notice" : `${n} notices`} of action taken, with the reasons, ${n === 1 ? "was" : "were"} sent to you separately and ${n === 1 ? "is" : "are"} on the application's page.`,
          ]
        : []),
      "You can start a new application at any time.",
    ],
    action: { label: "Open your application", path: applicationPage(input.applicationId) },
    links: [{ label: "Start a new application", path: "/merchant/applications/new" }],
  };
}

/** The merchant's repayments page, at the deal's own section. */
const repaymentsPage = (dealId: string) => `/merchant/repayments#deal-${dealId}`;

/** To the merchant: an instalment falls due in a few days. */
export function paymentReminderEmail(input: {
  lenderName: string;
  number: number;
  amount: string;
  dueOn: string;
  dealId: string;
}): EmailTemplate {
  return {
    subject: `Payment due on ${input.dueOn}: ${input.amount} to ${input.lenderName}`,
    body: [
      `Payment ${input.number} of your financing with ${input.lenderName}, ${input.amount}, is due on ${input.dueOn}.`,
      `Your schedule is under "What I owe" in TradeLift.`,
    ],
    action: { label: "See what you owe", path: repaymentsPage(input.dealId) },
  };
}

/** To the merchant: an instalment was missed. */
export function latePaymentEmail(input: {
  lenderName: string;
  number: number;
  amount: string;
  remaining: string;
  dueOn: string;
  daysPastDue: number;
  dealId: string;
}): EmailTemplate {
  return {
    subject: `Late payment: ${input.remaining} to ${input.lenderName} was due on ${input.dueOn}`,
    body: [
      `Payment ${input.number} of your financing with ${input.lenderName}, ${input.amount}, was due on ${input.dueOn}; ${input.remaining} of it is still unpaid (${input.daysPastDue} ${input.daysPastDue === 1 ? "day" : "days"} past due).`,
      `Please pay ${input.lenderName} as soon as you can, or contact them. Your schedule is under "What I owe" in TradeLift.`,
    ],
    action: { label: "See what you owe", path: repaymentsPage(input.dealId) },
  };
}

/** To the merchant: the lender recorded a payment; the deal may now be paid off (with a rebate). */
export function paymentRecordedEmail(input: {
  lenderName: string;
  byBuyer: boolean;
  amount: string;
  paidOn: string;
  dealId: string;
  outcome:
    | { kind: "open"; outstanding: string; next: { amount: string; dueOn: string } | null }
    | { kind: "paid-off" }
    | { kind: "rebate"; rebate: string };
}): EmailTemplate {
  const { lenderName: lender, amount: paid, paidOn, outcome } = input;
  const body =
    outcome.kind === "rebate"
      ? [
          `${lender} recorded ${input.byBuyer ? "your buyer's payment of the invoice" : "your payment"}, ${paid} on ${paidOn}.`,
          `Your financing is settled, and ${lender} owes you a rebate of ${outcome.rebate}: the invoice's face value less the advance and the fees for the periods used.`,
        ]
      : outcome.kind === "paid-off"
        ? [
            `${lender} recorded your payment of ${paid} on ${paidOn}. Your financing is paid off: nothing more is owed.`,
          ]
        : [
            `${lender} recorded ${input.byBuyer ? "your buyer's payment" : "your payment"} of ${paid} on ${paidOn}.`,
            `${outcome.outstanding} remains on your schedule${outcome.next ? `; the next payment, ${outcome.next.amount}, is due on ${outcome.next.dueOn}` : ""}. See "What I owe" in TradeLift.`,
          ];
  return {
    subject:
      outcome.kind === "open"
        ? `${lender} recorded your payment`
        : `Your financing with ${lender} is paid off`,
    body,
    action: {
      label: outcome.kind === "open" ? "See what you owe" : "See the deal",
      path: repaymentsPage(input.dealId),
    },
  };
}

/** To the merchant: the lender wrote off what was left, with its reason. */
export function writtenOffEmail(input: {
  lenderName: string;
  outstanding: string;
  reason: string;
  dealId: string;
}): EmailTemplate {
  return {
    subject: `${input.lenderName} wrote off your financing`,
    body: [
      `${input.lenderName} recorded that it will not collect the ${input.outstanding} left on your financing.`,
      `Their reason: "${input.reason}"`,
      "Contact them about what this means for you.",
    ],
    action: { label: "See the deal", path: repaymentsPage(input.dealId) },
  };
}
