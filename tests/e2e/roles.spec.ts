import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, expectAccessible, logIn, logOut } from "./helpers";

const HOMES = [
  { who: "platform admin", email: DEMO_ACCOUNTS.admin, url: /\/admin$/, heading: "Platform dashboard" },
  { who: "lender admin", email: DEMO_ACCOUNTS.meridianAdmin, url: /\/lender$/, heading: "Review queue" },
  {
    who: "underwriter",
    email: DEMO_ACCOUNTS.harborlineUnderwriter,
    url: /\/lender$/,
    heading: "Review queue",
  },
  { who: "merchant", email: DEMO_ACCOUNTS.pacificRim, url: /\/merchant$/, heading: "Pacific Rim Outdoor" },
];

for (const home of HOMES) {
  test(`a seeded ${home.who} logs in and lands on its home`, async ({ page }) => {
    await logIn(page, home.email);
    await expect(page).toHaveURL(home.url);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(home.heading);
    await expectAccessible(page);
    await logOut(page);
  });
}

test("another role's page answers 404, not data", async ({ page }) => {
  await logIn(page, DEMO_ACCOUNTS.pacificRim);
  const response = await page.goto("/admin/partners");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("Meridian Trade Capital")).toHaveCount(0);
});

test("a visitor is sent to log in and comes back to the page asked for", async ({ page }) => {
  await page.goto("/merchant/profile");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmerchant%2Fprofile/);
  await page.getByLabel("E-mail").fill(DEMO_ACCOUNTS.goldenValley);
  await page.getByLabel("Password").fill("tradelift-demo-2026");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/merchant\/profile$/);
  await expect(page.getByLabel("Legal name")).toHaveValue("Golden Valley Almond Company, Inc.");
  await expect(page.getByText("On file: ••-•••1923")).toBeVisible();
});

test("a wrong password gets one plain message at the form", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(DEMO_ACCOUNTS.bayou);
  await page.getByLabel("Password").fill("not the right password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The e-mail address or the password is not correct.");
});
