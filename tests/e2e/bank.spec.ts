import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, expectAccessible, logIn } from "./helpers";

test("a merchant connects a sandbox bank and sees its transactions arrive", async ({ page }) => {
  await logIn(page, DEMO_ACCOUNTS.goldenValley);
  await page.getByRole("link", { name: "Bank accounts" }).click();
  await expect(page.getByRole("heading", { name: "Connect your business bank" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(/Seasonal exporter/).check();
  await page.getByRole("button", { name: "Connect sandbox bank" }).click();
  await expect(page.getByText("Bank connected")).toBeVisible();
  await expect(page.getByRole("heading", { name: "First Platypus Bank" })).toBeVisible();
  await expect(page.getByText(/posted transactions from/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Connected", { exact: true })).toBeVisible();
  await expect(page.getByText(/Last successful refresh: (?!never)/)).toBeVisible();
  await expect(page.getByRole("cell", { name: /WIRE IN/ }).first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByText("Refreshing")).toBeVisible();
});
