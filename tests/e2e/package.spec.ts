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

/** A new merchant with a complete profile, a sandbox bank and one export order. */
async function newMerchantWithOrder(page: Page, m: { legalName: string; email: string; po: string }) {
  await signUpWithProfile(page, { ...m, owner: "Aiko Tanaka", password: "freight to fukuoka 2026" });
  await connectSandboxBank(page, /Steady exporter/);
  await importOrders(page, [
    `${m.po},Fukuoka Kitchen Supply K.K.,JP,9800000,JPY,2026-11-10,2026-12-05,OPEN_ACCOUNT,60,FOB`,
  ]);
}

test("a merchant changes a financed order after submitting; the lender still sees the submitted order, with the change beside it", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36).toUpperCase();
  const legalName = `Heron Point Sauces ${suffix} LLC`;
  const po = `HP-${suffix}-1`;
  await newMerchantWithOrder(page, { legalName, email: uniqueEmail("aiko"), po });

  // Applies with the order and sends it.
  await page.getByRole("link", { name: "Applications" }).click();
  await page.getByRole("link", { name: "Start an application" }).click();
  await expect(page).toHaveURL(/draftKey=/);
  await page.getByLabel("Amount (USD)").fill("50,000");
  await page.getByLabel("Days until you can repay").fill("90");
  await page.getByLabel("What the money is for").fill("Sauce bottles and freight for the Fukuoka order");
  await page.getByLabel(new RegExp(po)).check();
  await page.getByRole("button", { name: "Save and review" }).click();
  await expect(page.getByText("Draft saved")).toBeVisible();
  const applicationUrl = page.url();

  // The browser's Back button returns to the filled form; saving it again updates the same draft.
  await page.goBack();
  await expect(page.getByLabel("What the money is for")).toHaveValue(
    "Sauce bottles and freight for the Fukuoka order",
  );
  await page.getByLabel("Amount (USD)").fill("55,000");
  await page.getByRole("button", { name: "Save and review" }).click();
  await expect(page.getByText("Draft updated")).toBeVisible();
  expect(page.url()).toBe(applicationUrl);

  await page.getByLabel(/The information is accurate/).check();
  await page.getByRole("button", { name: "Send to lenders" }).click();
  await expect(page.getByText("Application sent")).toBeVisible();

  // The order is locked now: no edit form; it can only move on or be cancelled, with a reason.
  await page.getByRole("link", { name: "Export orders" }).click();
  await page.getByRole("link", { name: po }).click();
  await expect(page.getByRole("heading", { name: "Financed: its terms are locked" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Edit the order" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByLabel("New status").selectOption("SHIPPED");
  await page.getByRole("button", { name: "Change status" }).click();
  await expect(page.getByText("Marked shipped")).toBeVisible();
  await page.getByText("Cancel this order…", { exact: true }).click();
  await page.getByLabel("Why is the order cancelled?").fill("The buyer cancelled the contract");
  await page.getByRole("button", { name: "Yes, cancel the order" }).click();
  await expect(page.getByText("Order cancelled")).toBeVisible();
  await expect(page.getByText("The lenders financing it were told, with your reason.")).toBeVisible();
  await logOut(page);

  // The lender reviews the package as submitted, with the change beside it.
  await logIn(page, DEMO_ACCOUNTS.meridianUnderwriter);
  await page.goto("/lender");
  await page.getByRole("link", { name: legalName }).click();
  const changes = page.getByRole("region", { name: "Changed since submission" });
  await expect(page.getByRole("heading", { name: "Changed since submission" })).toBeVisible();
  await expect(
    changes.getByRole("row", { name: new RegExp(`Order ${po} Status open cancelled`) }),
  ).toBeVisible();
  await expect(
    changes.getByRole("row", { name: /Cancelled by the merchant .*The buyer cancelled the contract/ }),
  ).toBeVisible();
  const orders = page.getByRole("region", { name: "Orders financed" });
  await expect(orders.getByRole("row", { name: new RegExp(po) })).toContainText("¥9,800,000");
  await expect(orders.getByRole("row", { name: new RegExp(po) })).toContainText("Open account, 60 days");
  await expectAccessible(page);
});
