import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, expectAccessible, logIn } from "./helpers";

test("a lender admin registers a webhook endpoint and sees its secret once", async ({ page }) => {
  await logIn(page, DEMO_ACCOUNTS.meridianAdmin);
  await page.goto("/lender/team");
  await page.getByRole("link", { name: "set up webhooks" }).click();
  await expect(page).toHaveURL(/\/lender\/webhooks$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Webhooks");

  // A plain http:// address elsewhere than this machine is refused at the field (this server, on
  // localhost, may call a receiver on localhost, as the quick start in docs/api.md does).
  const address = page.getByLabel("Endpoint address");
  await address.fill("http://hooks.meridian.example/hook");
  await page.getByRole("button", { name: "Register endpoint" }).click();
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/^Use an https:\/\/ address/)).toBeVisible();

  const url = `https://hooks.meridian.example/tradelift/${Date.now()}`;
  await address.fill(url);
  await page.getByLabel("Description (optional)").fill("Meridian LOS");
  await page.getByRole("checkbox", { name: /Offer declined/ }).uncheck();
  await page.getByRole("button", { name: "Register endpoint" }).click();
  // The answer redirects to the endpoint's page, which shows the secret once.
  await expect(page).toHaveURL(/\/lender\/webhooks\/[a-z0-9]+\?reveal=[a-z0-9]+$/);
  await expect(page.getByRole("heading", { name: "Endpoint registered" })).toBeVisible();
  const secret = page.getByTestId("webhook-secret");
  await expect(secret).toHaveText(/^whsec_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText("it will not be shown again")).toBeVisible();
  const shown = (await secret.textContent()) ?? "";
  await expectAccessible(page);

  // Reloading registers nothing more and shows the secret no more.
  await page.reload();
  await expect(page.getByRole("heading", { name: "The secret was shown once" })).toBeVisible();
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(shown);
  await expectAccessible(page);

  // Listed once without its secret; the secret is nowhere on the next pages.
  await page.goto("/lender/webhooks");
  await expect(page.getByRole("link", { name: url })).toHaveCount(1);
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
  await page.getByRole("link", { name: url }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Webhook endpoint");
  await expect(page.getByText("No delivery yet.")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /Offer declined/ })).not.toBeChecked();
  expect(await page.content()).not.toContain(shown);
  await expectAccessible(page);

  // Rotating shows a new secret, once: a reload rotates nothing more.
  await page.getByText("Rotate the secret").click();
  await page.getByRole("button", { name: "Yes, make a new secret" }).click();
  await expect(page).toHaveURL(/\?reveal=[a-z0-9]+$/);
  const rotated = page.getByTestId("webhook-secret");
  await expect(rotated).toHaveText(/^whsec_[A-Za-z0-9_-]{43}$/);
  const rotatedSecret = (await rotated.textContent()) ?? "";
  expect(rotatedSecret).not.toBe(shown);
  await expect(page.getByText("The previous secret keeps signing beside this one")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "The secret was shown once" })).toBeVisible();
  expect(await page.content()).not.toContain(rotatedSecret);
});
