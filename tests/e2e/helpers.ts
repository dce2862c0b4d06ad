import { createHash } from "node:crypto";
import { closeSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../factories/demo";
import { knownTotpSecret, totpCode } from "../support/totp";

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../factories/demo";

/**
 * Two-factor secrets of the accounts this worker enrolled through the page (invited staff, merchants
 * who turned 2FA on); the demo's staff use their address's known secret (tests/support/totp.ts).
 */
const enrolledSecrets = new Map<string, string>();
/** The last 30-second step whose code this worker used, per secret: a code works once. */
const lastUsedStep = new Map<string, number>();

export function totpSecretFor(email: string): string {
  return enrolledSecrets.get(email) ?? knownTotpSecret(email);
}

export function forgetTotpSecret(email: string) {
  enrolledSecrets.delete(email);
}

/**
 * A code the account has not used yet, as its app would show it: this step's, or the next one's
 * (accepted too), or after waiting for the next step when both were used.
 */
export async function nextTotpCode(page: Page, secret: string): Promise<string> {
  for (;;) {
    const now = Date.now();
    const current = Math.floor(now / 30_000);
    const step = Math.max(current, (lastUsedStep.get(secret) ?? -1) + 1);
    if (step <= current + 1) {
      lastUsedStep.set(secret, step);
      return totpCode(secret, step * 30_000);
    }
    const wait = (current + 1) * 30_000 - now + 200;
    test.info().setTimeout(test.info().timeout + wait);
    await page.waitForTimeout(wait);
  }
}

/**
 * Types a current code on the second log-in step. A code works once, and another test may just
 * have used this account's code for this step (the next step's code is accepted too); when both
 * are spent, it waits for the app's next code, as a person would.
 */
export async function enterTotpCode(page: Page, secret: string) {
  // Both workers log in to the demo's staff accounts: they take turns per account (a lock file)
  // and share the last step used (a state file), so neither spends the code the other is about to
  // send, which under load made them chase each other's steps until one gave up.
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const status = await withAccountLock(secret, async () => {
      const shared = readSharedStep(secret);
      if (shared > (lastUsedStep.get(secret) ?? -1)) lastUsedStep.set(secret, shared);
      const code = await nextTotpCode(page, secret);
      await page.getByLabel("Code", { exact: true }).fill(code);
      const answer = page.waitForResponse(
        (response) => response.request().method() === "POST" && response.url().includes("/login/code"),
      );
      await page.getByRole("button", { name: "Verify" }).click();
      const result = (await answer).status();
      writeSharedStep(secret, lastUsedStep.get(secret) ?? -1);
      return result;
    });
    if (status !== 400) {
      await expect(page).not.toHaveURL(/\/login\/code/);
      return;
    }
    await expect(page.getByText("That code was already used.")).toBeVisible();
  }
  throw new Error("no code was accepted");
}

function totpStateFile(secret: string, suffix: string) {
  const key = createHash("sha256").update(secret).digest("hex").slice(0, 16);
  return path.join(tmpdir(), `tradelift-e2e-totp-${key}.${suffix}`);
}

function readSharedStep(secret: string): number {
  try {
    return Number(readFileSync(totpStateFile(secret, "step"), "utf8")) || -1;
  } catch {
    return -1;
  }
}

function writeSharedStep(secret: string, step: number) {
  if (step > readSharedStep(secret)) writeFileSync(totpStateFile(secret, "step"), String(step));
}

async function withAccountLock<T>(secret: string, work: () => Promise<T>): Promise<T> {
  const lock = totpStateFile(secret, "lock");
  const waitingSince = Date.now();
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch {
      // A lock left by a worker that died is stale after a minute.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { force: true });
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  // Time spent waiting for the other worker's turn (up to a code step) is not this test's own.
  test.info().setTimeout(test.info().timeout + (Date.now() - waitingSince));
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Sets up an authenticator on the enrolment page; returns the secret and the recovery codes. */
export async function enrolAuthenticator(page: Page, email: string) {
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const step = Math.floor(Date.now() / 30_000);
  await page.getByLabel("Code from the app").fill(totpCode(secret, step * 30_000));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  const list = page.getByTestId("recovery-codes");
  await expect(list).toBeVisible();
  const recoveryCodes = (await list.locator("code").allTextContents()).map((code) => code.trim());
  expect(recoveryCodes).toHaveLength(10);
  enrolledSecrets.set(email, secret);
  lastUsedStep.set(secret, step);
  return { secret, recoveryCodes };
}

/** Staff set up an authenticator before their first session (after the invitation or the password). */
export async function finishEnrolment(page: Page, email: string) {
  await expect(page.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible();
  const enrolled = await enrolAuthenticator(page, email);
  await page.getByRole("link", { name: /continue/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return enrolled;
}

/** Logs in through the real forms, with the second step (a code, or enrolment) when it comes. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).not.toHaveURL(/\/login(\?.*)?$/);
  const path = new URL(page.url()).pathname;
  if (path === "/login/code") await enterTotpCode(page, totpSecretFor(email));
  else if (path === "/login/enrol") await finishEnrolment(page, email);
  await expect(page).not.toHaveURL(/\/login/);
}

export async function logOut(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();
}

/** No serious or critical accessibility violation on the page as it stands. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `accessibility violations on ${page.url()}`,
  ).toEqual([]);
}

/** A unique e-mail for a test run. */
export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}@example.com`;
}

const ORDERS_HEADER =
  "po_number,buyer_name,buyer_country,amount,currency,order_date,expected_ship_date,payment_term,payment_term_days,incoterm";

let adminState: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;

/**
 * The link of the newest e-mail to an address, read from the outbox as an admin would (no mail
 * server runs here), in a browser context of its own whose admin session this worker keeps.
 */
export async function emailedLink(page: Page, to: string, subject: string, path: RegExp): Promise<string> {
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser");
  const context = await browser.newContext({
    baseURL: `http://localhost:${process.env.E2E_PORT ?? "3100"}`,
    storageState: adminState,
  });
  try {
    const admin = await context.newPage();
    await admin.goto("/admin/outbox");
    if (new URL(admin.url()).pathname === "/login") {
      await logIn(admin, DEMO_ACCOUNTS.admin);
      adminState = await context.storageState();
      await admin.goto("/admin/outbox");
    }
    const message = admin
      .getByRole("article")
      .filter({ hasText: `To ${to}` })
      .filter({ hasText: subject });
    const body = (await message.first().locator("pre").textContent()) ?? "";
    const link = new RegExp(`https?://\\S+${path.source}`).exec(body)?.[0] ?? "";
    expect(link, `a link in the e-mail "${subject}" to ${to}`).not.toBe("");
    return new URL(link).pathname;
  } finally {
    await context.close();
  }
}

/** Fills the sign-up form; the answer is "check your e-mail" whether or not the address has an account. */
export async function fillSignUp(
  page: Page,
  m: { legalName: string; email: string; password: string; owner: string },
) {
  await page.goto("/signup");
  await page.getByLabel("Your full name").fill(m.owner);
  await page.getByLabel("Work e-mail").fill(m.email);
  await page.getByLabel("Business legal name").fill(m.legalName);
  await page.getByLabel("Password", { exact: true }).fill(m.password);
  await page.getByLabel("Repeat the password").fill(m.password);
  await page.getByLabel(/I accept the terms/).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
}

/** Signs a new merchant up and confirms the address through the e-mailed link: lands on the profile. */
export async function signUp(
  page: Page,
  m: { legalName: string; email: string; password: string; owner: string },
) {
  await fillSignUp(page, m);
  await page.goto(
    await emailedLink(page, m.email, "Confirm your e-mail address", /\/verify-email\/[A-Za-z0-9_-]+/),
  );
  await page.getByRole("button", { name: "Confirm and create my account" }).click();
  await expect(page).toHaveURL(/\/merchant\/profile$/);
}

/** Signs a new merchant up and completes its profile through the real forms. */
export async function signUpWithProfile(
  page: Page,
  m: { legalName: string; email: string; password: string; owner: string },
) {
  await signUp(page, m);

  await page.getByLabel("Employer Identification Number (EIN)").fill("84-1234567");
  await page.getByLabel("Entity type").selectOption("LLC");
  await page.getByLabel("State of incorporation").selectOption("OR");
  await page.getByLabel("Month founded").selectOption("March");
  await page.getByLabel("Year founded").fill("2015");
  await page.getByLabel("NAICS industry code").fill("311920");
  await page.getByLabel("Street address").fill("2200 NW Front Ave");
  await page.getByLabel("City").fill("Portland");
  await page.getByLabel("State", { exact: true }).selectOption("OR");
  await page.getByLabel("ZIP code").fill("97209");
  await page.getByLabel("Employees").fill("18");
  await page.getByLabel("Annual revenue (USD)").fill("2,800,000");
  await page.getByLabel("Japan").check();
  await page.getByLabel("South Korea").check();
  await page.getByLabel("Owner 1: full name").fill(m.owner);
  await page.getByLabel("Title").first().fill("Managing member");
  await page.getByLabel("Ownership (%)").first().fill("100");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved")).toBeVisible();
}

/** Connects the local sandbox bank with one of its personas and waits for the first sync. */
export async function connectSandboxBank(page: Page, persona: RegExp) {
  await page.getByRole("link", { name: "Bank accounts" }).click();
  await page.getByLabel(persona).check();
  await page.getByRole("button", { name: "Connect sandbox bank" }).click();
  await expect(page.getByText(/posted transactions from/)).toBeVisible({ timeout: 30_000 });
  await waitForBankHistory(page);
}

/**
 * Until every bank connection of the merchant has its whole history (the sandbox sends it in steps,
 * a few seconds apart): before that nothing is scored. A demo merchant another test already
 * connected shows the earlier connection's transactions while the new one is still arriving.
 */
export async function waitForBankHistory(page: Page) {
  await expect(async () => {
    await page.goto("/merchant/bank");
    await expect(page.getByText(/still sending history/)).toHaveCount(0);
  }).toPass({ timeout: 30_000 });
}

/** Imports export orders from CSV rows through the preview. */
export async function importOrders(page: Page, rows: string[]) {
  await page.getByRole("link", { name: "Export orders" }).click();
  await page.getByRole("link", { name: "Import from CSV" }).click();
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({
    name: "orders.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${ORDERS_HEADER}\n${rows.join("\n")}\n`),
  });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText(`All ${rows.length} rows are valid.`)).toBeVisible();
  await page.getByRole("button", { name: `Import ${rows.length} orders` }).click();
  await expect(page.getByText(`Imported ${rows.length} orders from orders.csv`)).toBeVisible();
}

/**
 * Applies for `amount` over 90 days against the orders given (by PO number) and sends the
 * application to the lenders; returns the address of the application's page.
 */
export async function sendApplication(
  page: Page,
  a: { amount: string; purpose: string; poNumbers: string[] },
) {
  await page.goto("/merchant/applications/new");
  await page.getByLabel("Amount (USD)").fill(a.amount);
  await page.getByLabel("Days until you can repay").fill("90");
  await page.getByLabel("What the money is for").fill(a.purpose);
  for (const po of a.poNumbers) await page.getByLabel(new RegExp(po)).check();
  await page.getByRole("button", { name: "Save and review" }).click();
  await expect(page.getByText("Draft saved")).toBeVisible();
  await page.getByLabel(/The information is accurate/).check();
  await page.getByRole("button", { name: "Send to lenders" }).click();
  await expect(page.getByText("Application sent")).toBeVisible();
  return page.url();
}

/** The postal address a partner needs before it can be activated (its notices print it). */
export async function fillPartnerAddress(page: Page) {
  await page.getByLabel("Street address").fill("500 Harbor Way");
  await page.getByLabel("City").fill("Tacoma");
  await page.getByLabel("State", { exact: true }).selectOption("WA");
  await page.getByLabel("ZIP code").fill("98402");
}
