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

test("an admin suspends a partner through the confirmation step; its admin can no longer change products; reactivation restores it", async ({
  page,
}) => {
  const partnerName = `Osprey Trade Credit ${Date.now().toString(36)}`;
  const adminEmail = uniqueEmail("olu");
  const password = "osprey dives for fish";

  await logIn(page, DEMO_ACCOUNTS.admin);
  await page.getByRole("link", { name: "Add a lender partner" }).first().click();
  await page.getByLabel("Lender name").fill(partnerName);
  await page.getByLabel("Contact person").fill("Olu Bankole");
  await page.getByLabel("Contact e-mail").fill("partners@osprey.example");
  await fillPartnerAddress(page);
  await page.getByRole("button", { name: "Create partner" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(partnerName);
  const partnerUrl = page.url();

  await page.getByLabel("Full name").fill("Olu Bankole");
  await page.getByLabel("E-mail", { exact: true }).fill(adminEmail);
  await page.getByLabel("Role").selectOption("ADMIN");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = (await page.getByTestId("toast-link").textContent())?.trim() ?? "";
  await page.getByRole("button", { name: "Activate partner" }).click();
  await expect(page.getByText("Partner active")).toBeVisible();

  // The first button only opens the step, which says what will happen.
  await page.getByText("Suspend partner", { exact: true }).click();
  await expect(
    page.getByText("Every referral it is still deciding without a pending offer is withdrawn"),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Reason for suspending").fill("Licence renewal pending with the state regulator");
  await page.getByRole("button", { name: "Yes, suspend the partner" }).click();
  await expect(page.getByText("Partner suspended")).toBeVisible();
  await expect(page.getByText("Licence renewal pending with the state regulator")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reactivate partner" })).toBeVisible();
  await expect(page.getByText("Suspend partner", { exact: true })).toHaveCount(0);
  await logOut(page);

  // The partner's admin joins and finds the product actions gone, with the reason why.
  await page.goto(link);
  await page.getByLabel("Choose a password").fill(password);
  await page.getByLabel("Repeat the password").fill(password);
  await page.getByRole("button", { name: "Accept and create account" }).click();
  // Staff set up two-factor authentication before their first session.
  await finishEnrolment(page, adminEmail);
  await expect(page).toHaveURL(/\/lender$/);
  await page.goto("/lender/products");
  await expect(page.getByText("Your partnership with TradeLift is suspended")).toBeVisible();
  await expect(page.getByRole("link", { name: "Add a product" })).toHaveCount(0);
  await page.goto("/lender/products/new");
  await expect(page.getByText("products cannot be added until it is reactivated")).toBeVisible();
  await expectAccessible(page);
  await logOut(page);

  await logIn(page, DEMO_ACCOUNTS.admin);
  await page.goto(partnerUrl);
  await page.getByRole("button", { name: "Reactivate partner" }).click();
  await expect(page.getByText("Partner active")).toBeVisible();
  await logOut(page);

  await logIn(page, adminEmail, password);
  await page.goto("/lender/products");
  await expect(page.getByRole("link", { name: "Add a product" }).first()).toBeVisible();
});
