// Getting back into an account: "Forgot your password?" from the log-in page, the link from the
// e-mail (read from the outbox as an admin would, since no mail server runs here), a new password.
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, logIn, logOut, signUp, uniqueEmail } from "./helpers";

test("a merchant who forgot the password resets it through the e-mailed link", async ({ page }) => {
  const email = uniqueEmail("forgot");
  const first = "my first long passphrase 1";
  const second = "my second long passphrase 2";
  await signUp(page, {
    owner: "Dana Whitfield",
    email,
    legalName: "Whitfield Timber Exports LLC",
    password: first,
  });
  await logOut(page);

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // The log-in page has an "E-mail" field too: wait until the navigation has landed.
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await expect(page.getByText(`If ${email} has a TradeLift account`)).toBeVisible();

  // The message waits in the outbox; an admin can read it there.
  await logIn(page, DEMO_ACCOUNTS.admin);
  await page.goto("/admin/outbox");
  const message = page
    .getByRole("article")
    .filter({ hasText: `To ${email}` })
    .filter({ hasText: "Reset your TradeLift password" });
  const body = (await message.locator("pre").textContent()) ?? "";
  const link = /https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/.exec(body)?.[0] ?? "";
  expect(link).not.toBe("");
  await logOut(page);

  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(second);
  await page.getByLabel("Repeat the new password").fill("not the same passphrase");
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page.getByText("The passwords do not match.")).toBeVisible();
  await page.getByLabel("Repeat the new password").fill(second);
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("Password changed")).toBeVisible();

  await logIn(page, email, second);
  await expect(page).toHaveURL(/\/merchant/);
  await logOut(page);
  // The link was used: it is dead now.
  await page.goto(new URL(link).pathname);
  await expect(page.getByText("This link has expired or was already used.")).toBeVisible();
});
