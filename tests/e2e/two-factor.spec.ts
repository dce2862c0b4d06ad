// Two-factor authentication in the browser: a lender's enrolment right after the invitation, log-in
// with a code and with a recovery code (which works once), an admin resetting it, and a merchant
// turning it on and off. Codes are computed from the secret the page shows, as an app would.
import { expect, test } from "./fixtures";
import {
  DEMO_ACCOUNTS,
  enrolAuthenticator,
  enterTotpCode,
  expectAccessible,
  finishEnrolment,
  logIn,
  logOut,
  nextTotpCode,
  signUp,
  totpSecretFor,
  uniqueEmail,
} from "./helpers";

const PASSWORD = "two factors beat one 2026";

async function passwordStep(page: import("@playwright/test").Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

test("a lender enrols at first log-in, logs in with a code and once with each recovery code; an admin resets it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("ravi");
  // A lender admin invites an underwriter.
  await logIn(page, DEMO_ACCOUNTS.cascadeAdmin);
  await page.getByRole("link", { name: "Team" }).click();
  await page.getByLabel("Full name").fill("Ravi Iyer");
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = (await page.getByTestId("toast-link").textContent())?.trim() ?? "";
  await logOut(page);

  // Accepting leads straight to enrolment; nothing else is reachable until it is done.
  await page.goto(link);
  await page.getByLabel("Choose a password").fill(PASSWORD);
  await page.getByLabel("Repeat the password").fill(PASSWORD);
  await page.getByRole("button", { name: "Accept and create account" }).click();
  await expect(page.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/lender");
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await page.goto("/login/enrol");
  await page.getByLabel("Code from the app").fill("123456");
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByText("That code is not right")).toBeVisible();
  const { recoveryCodes } = await enrolAuthenticator(page, email);
  await expectAccessible(page);
  await page.getByRole("link", { name: /continue/ }).click();
  await expect(page).toHaveURL(/\/lender$/);
  await logOut(page);

  // Log-in asks for a code after the password.
  await passwordStep(page, email);
  await expect(page).toHaveURL(/\/login\/code$/);
  await expectAccessible(page);
  await logIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/lender$/);
  await logOut(page);

  // A recovery code works once.
  const [recovery] = recoveryCodes;
  await passwordStep(page, email);
  await page.getByLabel("Code", { exact: true }).fill(recovery ?? "");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/lender$/);
  await expect(page.getByText("You logged in with a recovery code")).toBeVisible();
  await logOut(page);
  await passwordStep(page, email);
  await page.getByLabel("Code", { exact: true }).fill(recovery ?? "");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That recovery code is not right, or was already used.")).toBeVisible();
  await enterTotpCode(page, totpSecretFor(email));
  await expect(page).toHaveURL(/\/lender$/);
  await logOut(page);

  // The phone is lost: an admin resets it, and the underwriter enrols again at the next log-in.
  await logIn(page, DEMO_ACCOUNTS.admin);
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await page.getByRole("link", { name: "Ravi Iyer" }).click();
  await expect(page.getByText(/On since/)).toBeVisible();
  await page.getByText("Reset two-factor authentication").click();
  await page.getByRole("button", { name: "Yes, reset it" }).click();
  await expect(page.getByText("Two-factor authentication reset")).toBeVisible();
  await expect(page.getByText("Off", { exact: true })).toBeVisible();
  await logOut(page);

  await passwordStep(page, email);
  await finishEnrolment(page, email);
  await expect(page).toHaveURL(/\/lender$/);
});

test("a merchant turns two-factor authentication on, logs in with it, and turns it off", async ({ page }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("tfa-merchant");
  await signUp(page, { owner: "Mei Tanaka", email, legalName: "Tanaka Ceramics LLC", password: PASSWORD });
  await page.goto("/settings/two-factor");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  const { secret } = await enrolAuthenticator(page, email);
  await page.getByRole("link", { name: "I have saved my recovery codes" }).click();
  await expect(page.getByText("10 recovery codes left")).toBeVisible();
  await expectAccessible(page);
  await logOut(page);

  await logIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/merchant/);

  await page.goto("/settings/two-factor");
  // A wrong password is refused before the code is looked at, so the same code serves again.
  const code = await nextTotpCode(page, secret);
  await page.getByLabel("Current password").fill("not my password at all");
  await page.locator("#disable-code").fill(code);
  await page.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(page.getByText("The current password is not correct.")).toBeVisible();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.locator("#disable-code").fill(code);
  await page.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(page.getByText("Two-factor authentication is off")).toBeVisible();
  await logOut(page);

  // The password alone logs in again.
  await passwordStep(page, email);
  await expect(page).toHaveURL(/\/merchant$/);
});
