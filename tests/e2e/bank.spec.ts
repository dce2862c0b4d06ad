import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, expectAccessible, logIn } from "./helpers";

test("a merchant connects a sandbox bank, waits for its history, refreshes and disconnects it after confirming", async ({
  page,
}) => {
  await logIn(page, DEMO_ACCOUNTS.goldenValley);
  await page.getByRole("link", { name: "Bank accounts" }).click();
  await expect(page.getByRole("heading", { name: "Connect your business bank" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(/Seasonal exporter/).check();
  await page.getByRole("button", { name: "Connect sandbox bank" }).click();
  await expect(page.getByText("Bank connected")).toBeVisible();
  await expect(page.getByRole("heading", { name: "First Platypus Bank" })).toBeVisible();

  // Like Plaid, the sandbox sends a new bank's history after a moment: the page says so, then
  // updates by itself as the history arrives.
  await expect(
    page.getByRole("status").filter({ hasText: "Your bank is still sending history" }),
  ).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByText(/posted transactions from/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Your bank is still sending history")).toHaveCount(0);
  await expect(page.getByText("Connected", { exact: true })).toBeVisible();
  await expect(page.getByText(/Last successful refresh: (?!never)/)).toBeVisible();
  await expect(page.getByRole("cell", { name: /WIRE IN/ }).first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByText("Refreshing")).toBeVisible();

  // Disconnecting cannot be undone: a confirmation step first (no JavaScript needed).
  await page.getByText("Disconnect", { exact: true }).click();
  await expect(page.getByText(/it cannot be switched back on/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Yes, disconnect this bank" }).click();
  await expect(page.getByText("Bank disconnected")).toBeVisible();
  await expect(page.getByRole("heading", { name: "First Platypus Bank" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Connect your business bank" })).toBeVisible();
});
