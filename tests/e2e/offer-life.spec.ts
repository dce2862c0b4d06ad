import type { Page } from "@playwright/test";
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

/** A new merchant with a complete profile, a sandbox bank and one export order, who applies. */
async function merchantApplies(
  page: Page,
  m: { legalName: string; email: string; password: string; po: string },
) {
  await signUpWithProfile(page, { ...m, owner: "Noor Haddad" });
  await connectSandboxBank(page, /Steady exporter/);
  await importOrders(page, [
    `${m.po},Osaka Fine Teas K.K.,JP,80000.00,USD,2026-11-10,2026-12-05,OPEN_ACCOUNT,60,FOB`,
  ]);

  await page.getByRole("link", { name: "Applications" }).click();
  await page.getByRole("link", { name: "Start an application" }).click();
  await page.getByLabel("Amount (USD)").fill("60,000");
  await page.getByLabel("Days until you can repay").fill("90");
  await page.getByLabel("What the money is for").fill("Tea and ocean freight for the Osaka order");
  await page.getByLabel(new RegExp(m.po)).check();
  await page.getByRole("button", { name: "Save and review" }).click();
  await expect(page.getByText("Draft saved")).toBeVisible();
  await page.getByLabel(/The information is accurate/).check();
  await page.getByRole("button", { name: "Send to lenders" }).click();
  await expect(page.getByText("Application sent")).toBeVisible();
  return page.url();
}

test("a lender withdraws its offer after a confirmation step, with a reason, and makes a new one; the merchant sees both", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36).toUpperCase();
  const legalName = `Heron Point Tea ${suffix} LLC`;
  const email = uniqueEmail("noor");
  const password = "sencha to sapporo 2026";
  const applicationUrl = await merchantApplies(page, { legalName, email, password, po: `HP-${suffix}` });
  await logOut(page);

  await logIn(page, DEMO_ACCOUNTS.harborlineUnderwriter);
  await page.goto("/lender");
  await page.getByRole("link", { name: legalName }).click();
  await page.getByRole("button", { name: "Start review" }).click();
  await expect(page.getByRole("status").getByText("Review started")).toBeVisible();
  await page.getByLabel("Fee per 30 days (%)").fill("2");
  await page.getByLabel("Days until the buyer pays").fill("60");
  await page.getByRole("button", { name: "Send the offer" }).click();
  await expect(page.getByText("Offer sent to the merchant")).toBeVisible();
  // Waiting for the merchant: no second offer, only a withdrawal.
  await expect(page.getByRole("heading", { name: "Make an offer" })).toHaveCount(0);

  // The confirmation step: the first button only opens it.
  await page.getByText("Withdraw this offer").click();
  await expect(page.getByText(/The merchant can no longer accept this offer/)).toBeVisible();
  await expectAccessible(page);
  await page
    .getByLabel("Reason (shown to the merchant)")
    .fill("Our fee was set for the wrong buyer country.");
  await page.getByRole("button", { name: "Yes, withdraw the offer" }).click();
  await expect(page.getByRole("status").getByText("Offer withdrawn")).toBeVisible();
  const offers = page.getByRole("region", { name: "Your offers" });
  await expect(offers.getByText(/withdrawn/i).first()).toBeVisible();
  await expect(offers.getByText(/Our fee was set for the wrong buyer country/)).toBeVisible();
  // An ended offer says when it ended, not when it would have expired.
  await expect(offers.getByText(/withdrawn · ended \d{4}-\d{2}-\d{2}/)).toBeVisible();

  // At 390 px the package's SHA-256 wraps inside its line instead of pushing the page sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  const hash = page.getByText(/Package frozen .* SHA-256 [0-9a-f]{64}/);
  await expect(hash).toBeVisible();
  const box = await hash.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(box.scroll).toBeLessThanOrEqual(box.client);
  await page.setViewportSize({ width: 1280, height: 720 });

  // Back in review: a new offer.
  await expect(page.getByRole("heading", { name: "Make an offer" })).toBeVisible();
  await page.getByLabel("Fee per 30 days (%)").fill("1.25");
  await page.getByLabel("Days until the buyer pays").fill("60");
  await page.getByRole("button", { name: "Send the offer" }).click();
  await expect(page.getByText("Offer sent to the merchant")).toBeVisible();
  await expect(offers.getByRole("listitem")).toHaveCount(2);
  await logOut(page);

  // The merchant sees the withdrawn offer and can accept only the new one.
  await logIn(page, email, password);
  await page.goto(applicationUrl);
  const cards = page.getByRole("region", { name: "Offers, cheapest first" }).getByRole("article");
  await expect(cards).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Accept this offer" })).toHaveCount(1);
  await expect(cards.filter({ hasText: /withdrawn/i })).toHaveCount(1);
});
