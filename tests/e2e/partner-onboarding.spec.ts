import { expect, test } from "./fixtures";
import {
  DEMO_ACCOUNTS,
  expectAccessible,
  fillPartnerAddress,
  finishEnrolment,
  logIn,
  logOut,
  uniqueEmail,
} from "./helpers";

test("an admin creates a lender partner and invites a user, who accepts and logs in", async ({ page }) => {
  const partnerName = `Kestrel Export Finance ${Date.now().toString(36)}`;
  const inviteeEmail = uniqueEmail("nadia");
  const password = "kestrel flies over ports";

  await logIn(page, DEMO_ACCOUNTS.admin);
  await page.getByRole("link", { name: "Add a lender partner" }).first().click();
  await expectAccessible(page);
  await page.getByLabel("Lender name").fill(partnerName);
  await page.getByLabel("Contact person").fill("Nadia Rahman");
  await page.getByLabel("Contact e-mail").fill("partners@kestrel.example");
  await fillPartnerAddress(page);
  await page.getByLabel("Washington").check();
  await page.getByRole("button", { name: "Create partner" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(partnerName);
  await expect(page.getByText("Partner created")).toBeVisible();
  await expect(page.getByText("Pending", { exact: true })).toBeVisible();

  await page.getByLabel("Full name").fill("Nadia Rahman");
  await page.getByLabel("E-mail", { exact: true }).fill(inviteeEmail);
  await page.getByLabel("Role").selectOption("ADMIN");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = (await page.getByTestId("toast-link").textContent())?.trim() ?? "";
  expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("cell", { name: inviteeEmail })).toBeVisible();
  await expectAccessible(page);

  // The same link is in the e-mail outbox.
  await page.getByRole("link", { name: "E-mail outbox" }).click();
  await expect(page.locator("pre.email-body", { hasText: link })).toBeVisible();
  await logOut(page);

  await page.goto(link);
  await expect(page.getByText(`You were invited to join ${partnerName} as lender admin`)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Choose a password").fill(password);
  await page.getByLabel("Repeat the password").fill(password);
  await page.getByRole("button", { name: "Accept and create account" }).click();
  // Staff set up two-factor authentication before their first session.
  await finishEnrolment(page, inviteeEmail);
  await expect(page).toHaveURL(/\/lender$/);
  await expect(page.getByText(partnerName)).toBeVisible();
  // A new partner's queue shows its empty state until an application is referred to it.
  await expect(page.getByRole("heading", { name: "No applications yet" })).toBeVisible();
  await logOut(page);

  // The link is spent; the password works.
  const again = await page.goto(link);
  expect(again?.status()).toBe(410);
  await logIn(page, inviteeEmail, password);
  await expect(page).toHaveURL(/\/lender$/);

  // The new lender admin invites an underwriter of its own.
  await page.getByRole("link", { name: "Team" }).click();
  await page.getByLabel("Full name").fill("Ravi Iyer");
  await page.getByLabel("E-mail").fill(uniqueEmail("ravi"));
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByTestId("toast-link")).toContainText("/invitations/");
  await expectAccessible(page);
});
