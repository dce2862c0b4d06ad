import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, expectAccessible, logIn, logOut } from "./helpers";

test("a merchant applies and the matched lender finds the application in its queue", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, DEMO_ACCOUNTS.bayou);
  await page.goto("/merchant/bank");
  await page.getByLabel(/Steady exporter/).check();
  await page.getByRole("button", { name: "Connect sandbox bank" }).click();
  await expect(page.getByText(/posted transactions from/)).toBeVisible({ timeout: 20_000 });

  await page.getByRole("link", { name: "Applications" }).click();
  await expect(page.getByRole("heading", { name: "No applications yet" })).toBeVisible();
  await page.getByRole("link", { name: "Start an application" }).click();
  await page.getByLabel("Amount (USD)").fill("60,000");
  await page.getByLabel("Days until you can repay").fill("90");
  await page
    .getByLabel("What the money is for")
    .fill("Ingredients and packaging for the Orchid Beauty order");
  await page.getByLabel(/OB-2611-08/).check();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Save and review" }).click();

  await expect(page.getByText("Draft saved")).toBeVisible();
  await expect(page.getByText(/lending partners? would consider it/)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(/The information is accurate/).check();
  await page.getByRole("button", { name: "Send to lenders" }).click();
  await expect(page.getByText("Application sent")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Lenders reviewing it" })).toBeVisible();
  await expect(page.getByText("Meridian Trade Capital").first()).toBeVisible();
  await logOut(page);

  await logIn(page, DEMO_ACCOUNTS.meridianUnderwriter);
  await expect(page.getByRole("cell", { name: "Bayou Botanicals Skincare LLC" }).first()).toBeVisible();
  await expectAccessible(page);
});
