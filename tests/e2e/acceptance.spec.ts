// The merchant's side of offers in the browser: accepting one offer closes the other lenders'
// referrals (seen from their side), a suspended partner's offer is noted before accepting, and the
// irreversible steps (decline an offer, withdraw an application, discard a draft) ask first and
// work without JavaScript.
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import {
  connectSandboxBank,
  DEMO_ACCOUNTS,
  importOrders,
  logIn,
  logOut,
  signUpWithProfile,
  uniqueEmail,
} from "./helpers";

type Merchant = { legalName: string; email: string; password: string; owner: string };

/** A new merchant with a complete profile, a sandbox bank and export orders, through the real forms. */
async function newMerchant(page: Page, prefix: string, rows: (suffix: string) => string[]) {
  const suffix = Date.now().toString(36).toUpperCase();
  const m: Merchant & { suffix: string } = {
    legalName: `${prefix} ${suffix} LLC`,
    email: uniqueEmail(prefix.split(" ")[0]?.toLowerCase() ?? "m"),
    password: "offers on the quay 2026",
    owner: "Noor Haddad",
    suffix,
  };
  await signUpWithProfile(page, m);
  await connectSandboxBank(page, /Steady exporter/);
  await importOrders(page, rows(suffix));
  return m;
}

/** Saves a draft application financing the given orders. */
async function draft(page: Page, a: { amount: string; days: string; poNumbers: string[] }) {
  await page.goto("/merchant/applications/new");
  await page.getByLabel("Amount (USD)").fill(a.amount);
  await page.getByLabel("Days until you can repay").fill(a.days);
  await page.getByLabel("What the money is for").fill("Inventory and freight for the Osaka orders");
  for (const po of a.poNumbers) await page.getByLabel(new RegExp(po)).check();
  await page.getByRole("button", { name: "Save and review" }).click();
  await expect(page.getByText("Draft saved")).toBeVisible();
}

async function send(page: Page) {
  await page.getByLabel(/The information is accurate/).check();
  await page.getByRole("button", { name: "Send to lenders" }).click();
  await expect(page.getByText("Application sent")).toBeVisible();
}

async function openReferral(page: Page, legalName: string) {
  await page.goto("/lender");
  await page.getByRole("link", { name: legalName }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(new RegExp(`^${legalName}: `));
}

async function factoringOffer(page: Page, legalName: string, feePercent: string) {
  await openReferral(page, legalName);
  await page.getByRole("button", { name: "Start review" }).click();
  await expect(page.getByRole("status").getByText("Review started")).toBeVisible();
  await page.getByLabel("Fee per 30 days (%)").fill(feePercent);
  await page.getByLabel("Days until the buyer pays").fill("60");
  await page.getByRole("button", { name: "Send the offer" }).click();
  await expect(page.getByText("Offer sent to the merchant")).toBeVisible();
}

/** A browser context of its own for one person, logged in. */
async function as(browser: Browser, email: string, password?: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await logIn(page, email, password);
  return { context, page };
}

async function setPartnerStatus(page: Page, partner: string, to: "suspend" | "activate") {
  await page.goto("/admin/partners");
  await page.getByRole("link", { name: partner }).click();
  if (to === "suspend") {
    const reason = page.getByLabel("Reason for suspending");
    // Behind a confirmation step where the page asks first: open it.
    if (!(await reason.isVisible())) await page.getByText("Suspend partner", { exact: true }).first().click();
    await reason.fill("Licence renewal under review.");
    const confirm = page.getByRole("button", { name: "Yes, suspend the partner" });
    if ((await confirm.count()) > 0) await confirm.click();
    else await page.getByRole("button", { name: "Suspend partner" }).click();
    await expect(page.getByRole("button", { name: "Reactivate partner" })).toBeVisible();
  } else {
    await page.getByRole("button", { name: "Reactivate partner" }).click();
    await expect(page.getByRole("button", { name: "Reactivate partner" })).toHaveCount(0);
  }
}

test("accepting one offer closes the other lenders' referrals; a suspended partner's offer is noted; declining asks first, without JavaScript", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const m = await newMerchant(page, "Osprey Ridge Foods", (s) => [
    `OR-${s}-1,Osaka Fine Foods K.K.,JP,15000000,JPY,2026-11-10,2026-12-05,OPEN_ACCOUNT,60,FOB`,
    `OR-${s}-2,Kobe Pantry Co.,JP,60000.00,USD,2026-11-12,2026-12-10,OPEN_ACCOUNT,60,CIF`,
  ]);
  await draft(page, { amount: "120,000", days: "90", poNumbers: [`OR-${m.suffix}-1`, `OR-${m.suffix}-2`] });
  await send(page);
  const applicationUrl = page.url();
  const reviewing = page.getByRole("region", { name: "Lenders reviewing it" });
  for (const name of ["Meridian Trade Capital", "Harborline Export Factors", "First Cascade Bank"])
    await expect(reviewing.getByText(name)).toBeVisible();

  // Three offers: Harborline and Meridian price a fee, First Cascade an amortising line.
  const harborline = await as(browser, DEMO_ACCOUNTS.harborlineUnderwriter);
  await factoringOffer(harborline.page, m.legalName, "1.5");
  const meridian = await as(browser, DEMO_ACCOUNTS.meridianUnderwriter);
  await factoringOffer(meridian.page, m.legalName, "3");
  const cascade = await as(browser, DEMO_ACCOUNTS.cascadeUnderwriter);
  await openReferral(cascade.page, m.legalName);
  await cascade.page.getByRole("button", { name: "Start review" }).click();
  await expect(cascade.page.getByRole("status").getByText("Review started")).toBeVisible();
  // A line lends the whole amount: no advance rate is asked.
  await expect(cascade.page.getByLabel("Amount financed (USD)")).toBeVisible();
  await expect(cascade.page.getByLabel(/Advance rate/)).toHaveCount(0);
  await cascade.page.getByLabel("Interest rate (% a year)").fill("10");
  await cascade.page.getByLabel("Payments", { exact: true }).selectOption("MONTHLY");
  await cascade.page.getByLabel("Number of payments").fill("6");
  await cascade.page.getByLabel("What secures the financing").fill("A lien on all business assets");
  await cascade.page.getByRole("button", { name: "Send the offer" }).click();
  await expect(cascade.page.getByText("Offer sent to the merchant")).toBeVisible();

  // The partner is suspended: its offer stands, and the merchant is told before accepting.
  const admin = await as(browser, DEMO_ACCOUNTS.admin);
  await setPartnerStatus(admin.page, "First Cascade Bank", "suspend");
  try {
    await page.goto(applicationUrl);
    const cards = page.getByRole("region", { name: "Offers, cheapest first" }).getByRole("article");
    await expect(cards).toHaveCount(3);
    const cascadeCard = cards.filter({ has: page.getByRole("heading", { name: /^First Cascade Bank/ }) });
    await expect(
      cascadeCard.getByText("This lender's partnership with TradeLift is suspended.").first(),
    ).toBeVisible();
    await expect(
      cascadeCard.getByText(/suspended\. Its offer still stands and you may accept it\./),
    ).toBeVisible();
    await expect(cascadeCard.getByRole("button", { name: "Accept this offer" })).toBeVisible();
    const harborlineCard = cards.filter({
      has: page.getByRole("heading", { name: /^Harborline Export Factors/ }),
    });
    await expect(harborlineCard.getByText(/partnership with TradeLift is suspended/)).toHaveCount(0);
  } finally {
    await setPartnerStatus(admin.page, "First Cascade Bank", "activate");
  }

  // Declining Meridian's offer, without JavaScript: the step opens, says what happens, then does it.
  const merchant = await as(browser, m.email, m.password, false);
  await merchant.page.goto(applicationUrl);
  const offers = merchant.page.getByRole("region", { name: "Offers, cheapest first" }).getByRole("article");
  const card = (name: RegExp) => offers.filter({ has: merchant.page.getByRole("heading", { name }) });
  const meridianCard = card(/^Meridian Trade Capital/);
  await expect(meridianCard.getByRole("button", { name: "Yes, decline the offer" })).toBeHidden();
  await meridianCard.getByText("Decline this offer").click();
  await expect(
    meridianCard.getByText(/it may make you another offer\. You can still accept other offers\./),
  ).toBeVisible();
  await meridianCard.getByRole("button", { name: "Yes, decline the offer" }).click();
  await expect(merchant.page.getByText("Offer declined").first()).toBeVisible();
  await expect(card(/^Meridian Trade Capital/).getByText("declined", { exact: true })).toBeVisible();
  await expect(
    card(/^Meridian Trade Capital/).getByRole("button", { name: "Accept this offer" }),
  ).toHaveCount(0);

  // The merchant accepts Harborline's offer, signing with the name on the account.
  const harborlineCard = card(/^Harborline Export Factors/);
  await harborlineCard.getByLabel("Type your full name to sign").fill("Mickey Mouse");
  await harborlineCard.getByLabel(/I agree to this offer/).check();
  await harborlineCard.getByRole("button", { name: "Accept this offer" }).click();
  await expect(
    card(/^Harborline Export Factors/).getByText(
      `Type your name as it is on your TradeLift account: ${m.owner}.`,
    ),
  ).toBeVisible();
  await card(/^Harborline Export Factors/)
    .getByLabel("Type your full name to sign")
    .fill(m.owner.toLowerCase());
  await card(/^Harborline Export Factors/)
    .getByLabel(/I agree to this offer/)
    .check();
  await card(/^Harborline Export Factors/)
    .getByRole("button", { name: "Accept this offer" })
    .click();
  await expect(merchant.page.getByText("Offer accepted").first()).toBeVisible();
  await expect(card(/^Harborline Export Factors/).getByText("accepted", { exact: true })).toBeVisible();
  await expect(card(/^First Cascade Bank/).getByText("declined", { exact: true })).toBeVisible();
  await expect(
    merchant.page
      .getByRole("region", { name: "Lenders reviewing it" })
      .getByText("Closed: you accepted another offer"),
  ).toHaveCount(2);

  // From the other lenders' side: their referral is closed and takes no offer.
  for (const lender of [cascade, meridian]) {
    await openReferral(lender.page, m.legalName);
    await expect(lender.page.getByText(/closed/i).first()).toBeVisible();
    await expect(lender.page.getByRole("button", { name: "Send the offer" })).toHaveCount(0);
  }
  for (const c of [harborline, meridian, cascade, admin, merchant]) await c.context.close();
});

test("discarding a draft and withdrawing a sent application ask first, and work without JavaScript", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const m = await newMerchant(page, "Heron Point Provisions", (s) => [
    `HP-${s}-1,Osaka Fine Foods K.K.,JP,60000.00,USD,2026-11-10,2026-12-05,OPEN_ACCOUNT,60,FOB`,
  ]);
  await logOut(page);
  const merchant = await as(browser, m.email, m.password, false);
  const p = merchant.page;

  await draft(p, { amount: "50,000", days: "90", poNumbers: [`HP-${m.suffix}-1`] });
  await expect(p.getByText("Withdraw application")).toHaveCount(0);
  await expect(p.getByRole("button", { name: "Yes, discard the draft" })).toBeHidden();
  await p.getByText("Discard draft", { exact: true }).click();
  await expect(p.getByText(/No lender has seen it, so no one is told/)).toBeVisible();
  await p.getByRole("button", { name: "Yes, discard the draft" }).click();
  await expect(p.getByText("Draft discarded. No lender saw it, so no one was told.").first()).toBeVisible();
  await expect(p.getByText(/withdrawn/i)).toHaveCount(0);

  await draft(p, { amount: "50,000", days: "90", poNumbers: [`HP-${m.suffix}-1`] });
  await send(p);
  await expect(p.getByText("Discard draft")).toHaveCount(0);
  await p.getByText("Withdraw application", { exact: true }).click();
  await expect(p.getByText(/Every lender reviewing it is told and stops/)).toBeVisible();
  await p.getByRole("button", { name: "Yes, withdraw the application" }).click();
  await expect(p.getByText("Application withdrawn").first()).toBeVisible();
  await expect(
    p
      .getByRole("region", { name: "Lenders reviewing it" })
      .getByText(/Closed: you withdrew the application/)
      .first(),
  ).toBeVisible();
  await merchant.context.close();
});
