import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { pdfText } from "../support/pdf-text";
import { expect, test } from "./fixtures";
import {
  connectSandboxBank,
  DEMO_ACCOUNTS,
  expectAccessible,
  importOrders,
  logIn,
  logOut,
  signUpWithProfile,
  uniqueEmail,
} from "./helpers";

const UNDERWRITERS = {
  "Meridian Trade Capital": DEMO_ACCOUNTS.meridianUnderwriter,
  "Harborline Export Factors": DEMO_ACCOUNTS.harborlineUnderwriter,
  "First Cascade Bank": DEMO_ACCOUNTS.cascadeUnderwriter,
} as const;

const MERIDIAN_NOTE = "Internal: check the Osaka buyer with our credit insurer first.";

/** Fills and sends an application financing the orders whose PO numbers are given. */
async function apply(page: Page, a: { amount: string; purpose: string; poNumbers: string[] }) {
  await page.getByRole("link", { name: "Applications" }).click();
  await page.getByRole("link", { name: "Start an application" }).click();
  await page.getByLabel("Amount (USD)").fill(a.amount);
  await page.getByLabel("Days until you can repay").fill("90");
  await page.getByLabel("What the money is for").fill(a.purpose);
  for (const po of a.poNumbers) await page.getByLabel(new RegExp(po)).check();
  await page.getByRole("button", { name: "Save and review" }).click();
  await expect(page.getByText("Draft saved")).toBeVisible();
}

/** Opens this merchant's referral from the lender's queue. */
async function openReferral(page: Page, legalName: string) {
  await page.goto("/lender");
  await page.getByRole("link", { name: legalName }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(new RegExp(`^${legalName}: `));
}

test("the whole journey: sign-up, profile, bank, orders, application, two lenders (one asks for a document), two offers, acceptance, funding", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const suffix = Date.now().toString(36).toUpperCase();
  const legalName = `Kestrel Bay Tea Exporters ${suffix} LLC`;
  const password = "oolong to osaka 2026";
  const email = uniqueEmail("mina");

  await signUpWithProfile(page, { legalName, email, password, owner: "Mina Park" });

  // ── Connects a sandbox bank, imports its export orders and applies ──
  await connectSandboxBank(page, /Steady exporter/);
  await importOrders(page, [
    `KB-${suffix}-1,Osaka Fine Teas K.K.,JP,9800000,JPY,2026-11-10,2026-12-05,OPEN_ACCOUNT,60,FOB`,
    `KB-${suffix}-2,Seoul Leaf Trading Co.,KR,42000.00,USD,2026-11-12,2026-12-10,OPEN_ACCOUNT,60,CIF`,
  ]);
  await apply(page, {
    amount: "80,000",
    purpose: "Tea, tins and ocean freight for the Osaka and Seoul orders",
    poNumbers: [`KB-${suffix}-1`, `KB-${suffix}-2`],
  });
  await expect(page.getByText(/[2-9] lending partners would consider it/)).toBeVisible();
  await page.getByLabel(/The information is accurate/).check();
  await page.getByRole("button", { name: "Send to lenders" }).click();
  await expect(page.getByText("Application sent")).toBeVisible();
  const applicationUrl = page.url();
  const timeline = page.getByRole("region", { name: "Lenders reviewing it" });
  await expect(timeline.getByText("Meridian Trade Capital")).toBeVisible();
  await expect(timeline.getByText("Harborline Export Factors")).toBeVisible();
  await logOut(page);

  // ── Meridian reviews it and asks for the commercial invoice ──
  await logIn(page, DEMO_ACCOUNTS.meridianUnderwriter);
  await openReferral(page, legalName);
  await page.getByRole("button", { name: "Start review" }).click();
  await expect(page.getByRole("status").getByText("Review started")).toBeVisible();
  await page
    .getByLabel("Question (optional)")
    .fill("Please send the commercial invoice for the Osaka order.");
  await page.getByLabel("Document needed (optional)").selectOption("INVOICE");
  await page.getByRole("button", { name: "Ask the merchant" }).click();
  await expect(page.getByText(/Please send the commercial invoice.*— open/)).toBeVisible();
  await page.getByLabel("Add a note").fill(MERIDIAN_NOTE);
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText(MERIDIAN_NOTE)).toBeVisible();
  await logOut(page);

  // ── Harborline reviews it and makes an offer ──
  await logIn(page, DEMO_ACCOUNTS.harborlineUnderwriter);
  await openReferral(page, legalName);
  await page.getByRole("button", { name: "Start review" }).click();
  await expect(page.getByRole("status").getByText("Review started")).toBeVisible();
  // Another lender never sees Meridian's internal note.
  await expect(page.getByText(MERIDIAN_NOTE)).toHaveCount(0);
  await page.getByLabel("Fee per 30 days (%)").fill("1.5");
  await page.getByLabel("Days until the buyer pays").fill("60");
  await expect(page.getByText("Estimated APR")).toBeVisible();
  await page.getByRole("button", { name: "Send the offer" }).click();
  await expect(page.getByText("Offer sent to the merchant")).toBeVisible();
  await logOut(page);

  // ── The merchant answers Meridian with the invoice ──
  await logIn(page, email, password);
  await page.goto(applicationUrl);
  const questions = page.getByRole("region", { name: "Lenders' questions" });
  await expect(questions.getByText(/Meridian Trade Capital/)).toBeVisible();
  // The timeline tells the merchant what each lender did, and nothing of their notes.
  const history = page.getByRole("region", { name: "Timeline" });
  await expect(history).toContainText("Meridian Trade Capital asked for information");
  await expect(history).toContainText("Harborline Export Factors made an offer");
  expect(await page.content()).not.toContain(MERIDIAN_NOTE);
  await expectAccessible(page);
  await questions.getByLabel("Your answer").fill("Attached: invoice OFT-2611 for the Osaka order.");
  await questions.getByLabel(/Document \(PDF/).setInputFiles({
    name: "invoice-OFT-2611.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
  });
  await questions.getByRole("button", { name: "Send answer" }).click();
  await expect(page.getByRole("status").getByText(/Answer sent/)).toBeVisible();
  // The question stays on the page, answered with its date, with no form left to send.
  const answered = page.getByRole("region", { name: "Lenders' questions" });
  await expect(
    answered.getByText(/Answered [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M (UTC|GMT)/),
  ).toBeVisible();
  await expect(answered.getByRole("button", { name: "Send answer" })).toHaveCount(0);
  await logOut(page);

  // ── Meridian reads the answer, downloads the invoice, and makes its offer ──
  await logIn(page, DEMO_ACCOUNTS.meridianUnderwriter);
  await openReferral(page, legalName);
  await expect(page.getByText(/Answer: Attached: invoice OFT-2611/)).toBeVisible();
  const download = await page.request.get(
    (await page.getByRole("link", { name: /invoice-OFT-2611\.pdf/ }).getAttribute("href")) ?? "",
  );
  expect(download.status()).toBe(200);
  expect((await download.body()).subarray(0, 8).toString()).toBe("%PDF-1.4");
  await page.getByLabel("Fee per 30 days (%)").fill("3");
  await page.getByLabel("Days until the buyer pays").fill("90");
  await page.getByRole("button", { name: "Send the offer" }).click();
  await expect(page.getByText("Offer sent to the merchant")).toBeVisible();
  await logOut(page);

  // ── The merchant compares both offers and accepts the cheaper one ──
  await logIn(page, email, password);
  await page.goto(applicationUrl);
  const offers = page.getByRole("region", { name: "Offers, cheapest first" });
  const cards = offers.getByRole("article");
  await expect(cards).toHaveCount(2);
  await expectAccessible(page);
  // Harborline's 1.5% per 30 days is cheaper than Meridian's 3%, so it comes first.
  await expect(cards.nth(0).getByRole("heading")).toHaveText(/^Harborline Export Factors/);
  await expect(cards.nth(1).getByRole("heading")).toHaveText(/^Meridian Trade Capital/);
  const aprs = await cards.evaluateAll((nodes) =>
    nodes.map((n) => Number(/([\d.]+)%/.exec(n.querySelector(".disclosure strong")?.textContent ?? "")?.[1])),
  );
  expect(aprs[0]).toBeLessThan(aprs[1] ?? 0);
  await cards.nth(0).getByLabel("Type your full name to sign").fill("Mina Park");
  await cards
    .nth(0)
    .getByLabel(/I agree to this offer/)
    .check();
  await cards.nth(0).getByRole("button", { name: "Accept this offer" }).click();
  await expect(page.getByRole("status").getByText("Offer accepted")).toBeVisible();
  await expect(cards.nth(0).getByText("accepted", { exact: true })).toBeVisible();
  // The other offer was declined in the same step.
  await expect(cards.nth(1).getByText("declined", { exact: true })).toBeVisible();
  await logOut(page);

  // ── Harborline records the funding ──
  await logIn(page, DEMO_ACCOUNTS.harborlineUnderwriter);
  await page.goto("/lender?status=ACCEPTED");
  await page.getByRole("link", { name: legalName }).click();
  await page.getByLabel("Date sent").fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel("Payment reference").fill(`FEDWIRE-${suffix}`);
  await page.getByRole("button", { name: "Record funding" }).click();
  await expect(page.getByText("Funding recorded")).toBeVisible();
  await logOut(page);

  // ── The merchant sees the money on its way ──
  await logIn(page, email, password);
  await page.goto(applicationUrl);
  await expect(page.getByText(/^Funded · 90 days/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(
    "Harborline Export Factors sent the money",
  );
});

test("the decline path: every lender declines and the merchant gets each one's notice, and downloads it as PDF", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36).toUpperCase();
  const legalName = `Driftwood Tea Works ${suffix} LLC`;
  const password = "rooibos to busan 2026";
  const email = uniqueEmail("dana");
  await signUpWithProfile(page, { legalName, email, password, owner: "Dana Whitfield" });
  await connectSandboxBank(page, /Single big customer/);
  await importOrders(page, [
    `DW-${suffix}-1,Busan Tea House Co.,KR,35000.00,USD,2026-11-14,2026-12-12,LETTER_OF_CREDIT,90,CIF`,
  ]);
  await apply(page, {
    amount: "30,000",
    purpose: "Packaging and freight for the Busan order",
    poNumbers: [`DW-${suffix}-1`],
  });
  await expect(page.getByText(/[1-9] lending partners? would consider it/)).toBeVisible();
  await page.getByLabel(/The information is accurate/).check();
  await page.getByRole("button", { name: "Send to lenders" }).click();
  await expect(page.getByText("Application sent")).toBeVisible();
  const applicationUrl = page.url();
  const timeline = page.getByRole("region", { name: "Lenders reviewing it" });
  const lenders = (await timeline.getByRole("listitem").allTextContents())
    .map((text) => Object.keys(UNDERWRITERS).find((name) => text.includes(name)))
    .filter((name): name is keyof typeof UNDERWRITERS => name !== undefined);
  expect(lenders.length).toBeGreaterThan(0);
  await logOut(page);

  // Each lender reviews it and declines with its reasons.
  for (const lender of lenders) {
    await logIn(page, UNDERWRITERS[lender]);
    await openReferral(page, legalName);
    await page.getByRole("button", { name: "Start review" }).click();
    await expect(page.getByRole("status").getByText("Review started")).toBeVisible();
    await page.getByLabel("Sales depend on too few buyers").check();
    await page.getByRole("button", { name: "Decline" }).click();
    await expect(page.getByRole("status").getByText(/declined/i)).toBeVisible();
    await logOut(page);
  }

  // The merchant reads the notices: one from each lender that declined, with its own reasons.
  await logIn(page, email, password);
  await page.goto(applicationUrl);
  await expect(page.getByText(/^Declined · 90 days/)).toBeVisible();
  const notices = page.getByRole("region", { name: "Notices" });
  await expect(notices.getByRole("listitem")).toHaveCount(lenders.length);
  for (const lender of lenders) await expect(notices).toContainText(lender);
  await expectAccessible(page);
  await notices.getByRole("link", { name: "Read the notice" }).first().click();
  const notice = page.getByRole("article", { name: "Notice of action taken" });
  const reasons = notice.getByRole("listitem");
  await expect(reasons.first()).toBeVisible();
  expect(await reasons.count()).toBeLessThanOrEqual(4);
  await expect(notice).toContainText("Sales depend on too few buyers");
  await expect(notice).toContainText("Equal Credit Opportunity Act");
  await expectAccessible(page);

  // The same notice as a PDF to keep.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    notice.getByRole("link", { name: "Download PDF" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^notice-of-action-taken-.+\.pdf$/);
  const text = await pdfText(await readFile((await download.path()) ?? ""));
  expect(text).toContain("Notice of action taken");
  expect(text).toContain("Sales depend on too few buyers");
  expect(text).toContain("Equal Credit Opportunity Act");
  expect(lenders.some((lender) => text.includes(lender))).toBe(true);
  await logOut(page);

  // The same notices went out by e-mail (kept in the outbox, readable by admins, as no SMTP is set).
  await logIn(page, DEMO_ACCOUNTS.admin);
  await page.goto("/admin/outbox");
  await expect(page.getByText(email).first()).toBeVisible();
  await expect(page.getByText(`Notice of action taken from ${lenders[0]}`).first()).toBeVisible();
});
