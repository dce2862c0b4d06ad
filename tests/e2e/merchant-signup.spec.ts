import { expect, test } from "./fixtures";
import { emailedLink, expectAccessible, uniqueEmail } from "./helpers";

test("a merchant signs up and completes the profile", async ({ page }) => {
  const email = uniqueEmail("erin");
  await page.goto("/signup");
  await expectAccessible(page);
  await page.getByLabel("Your full name").fill("Erin Matsuda");
  await page.getByLabel("Work e-mail").fill(email);
  await page.getByLabel("Business legal name").fill("Sakura Ridge Tea Exporters LLC");
  await page.getByLabel("Password", { exact: true }).fill("green tea to kyoto 2026");
  await page.getByLabel("Repeat the password").fill("green tea to kyoto 2026");
  await page.getByLabel(/I accept the terms/).check();
  await page.getByRole("button", { name: "Create account" }).click();
  // Nothing exists until the address is confirmed through the e-mailed link.
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await expectAccessible(page);
  await page.goto(
    await emailedLink(page, email, "Confirm your e-mail address", /\/verify-email\/[A-Za-z0-9_-]+/),
  );
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirm and create my account" }).click();

  await expect(page).toHaveURL(/\/merchant\/profile$/);
  await expect(page.getByText("Welcome to TradeLift")).toBeVisible();
  await expectAccessible(page);

  // Submitting too early shows errors at the fields and saves nothing.
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByLabel("Employer Identification Number (EIN)")).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expectAccessible(page);

  await page.getByLabel("Employer Identification Number (EIN)").fill("123456789");
  await page.getByLabel("Entity type").selectOption("LLC");
  await page.getByLabel("State of incorporation").selectOption("OR");
  await page.getByLabel("Month founded").selectOption("October");
  await page.getByLabel("Year founded").fill("2016");
  await page.getByLabel("NAICS industry code").fill("311920");
  await page.getByLabel("Website (optional)").fill("https://sakuraridge.example");
  await page.getByLabel("Street address").fill("410 SE Water Ave");
  await page.getByLabel("City").fill("Portland");
  await page.getByLabel("State", { exact: true }).selectOption("OR");
  await page.getByLabel("ZIP code").fill("97214");
  await page.getByLabel("Employees").fill("14");
  await page.getByLabel("Annual revenue (USD)").fill("2,350,000");
  await page.getByLabel("Japan").check();
  await page.getByLabel("Taiwan").check();
  await page.getByLabel("Owner 1: full name").fill("Erin Matsuda");
  await page.getByLabel("Title").first().fill("Managing member");
  await page.getByLabel("Ownership (%)").first().fill("70");
  await page.getByRole("button", { name: "Add an owner" }).click();
  await page.getByLabel("Owner 2: full name").fill("Kenji Watanabe");
  await page.getByLabel("Title").nth(1).fill("Member");
  await page.getByLabel("Ownership (%)").nth(1).fill("30");
  await page.getByRole("button", { name: "Save profile" }).click();

  await expect(page).toHaveURL(/\/merchant$/);
  await expect(page.getByText("Profile saved")).toBeVisible();
  await expect(page.getByText("100% complete")).toBeVisible();

  // The EIN is shown masked, never in full.
  await page.goto("/merchant/profile");
  await expect(page.getByText("On file: ••-•••6789")).toBeVisible();
  await expect(page.getByLabel("Employer Identification Number (EIN)")).toHaveValue("");
  expect(await page.content()).not.toContain("12-3456789");
  await expect(page.getByLabel("Owner 2: full name")).toHaveValue("Kenji Watanabe");
});

test("the profile form works at phone width", async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto("/signup");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});
