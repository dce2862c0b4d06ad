// The life of a deal after funding, in the browser: a factored invoice is funded, the instalment
// is dated from the buyer's due date, time passes (the deal's dates are moved back and the daily
// job runs, tests/setup/servicing-clock.ts), the deal is late with its notice, the merchant pays
// part late, and the buyer's payment of the invoice settles it with the rebate shown on both sides.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { e2eDatabaseUrlFile, TEST_ENV } from "../setup/test-env";
import { expect, test } from "./fixtures";
import {
  connectSandboxBank,
  DEMO_ACCOUNTS,
  expectAccessible,
  importOrders,
  logIn,
  signUpWithProfile,
  uniqueEmail,
} from "./helpers";

const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

async function as(browser: Browser, email: string, password?: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, email, password);
  return page;
}

/** Time passes for one deal: its dates move `days` back and the daily servicing job runs. */
function daysPass(dealId: string, days: number): { late: number; reminders: number; lateNotices: number } {
  const port = process.env.E2E_PORT ?? "3100";
  const databaseUrl = readFileSync(e2eDatabaseUrlFile(port), "utf8").trim();
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", "tests/setup/servicing-clock.ts", dealId, String(days)],
    { env: { ...process.env, ...TEST_ENV, DATABASE_URL: databaseUrl }, encoding: "utf8" },
  );
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
}

async function recordPayment(page: Page, p: { amount: string; reference: string; buyer?: boolean }) {
  if (p.buyer) await page.getByLabel(/The buyer paid the invoice/).check();
  await page.getByLabel("Amount paid (USD)").fill(p.amount);
  await page.getByLabel("Payment reference").fill(p.reference);
  await page.getByRole("button", { name: "Record payment" }).click();
}

test("from funding to paid off: the dated instalment, a late payment with its notice, and the buyer's payment settling with the rebate", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const suffix = Date.now().toString(36).toUpperCase();
  const m = {
    legalName: `Kestrel Bay Teas ${suffix} LLC`,
    email: uniqueEmail("kestrel"),
    password: "matcha by the pallet 2026",
    owner: "Noor Haddad",
  };
  await signUpWithProfile(page, m);
  await connectSandboxBank(page, /Steady exporter/);
  // Shipped today on 60 days' open account: the buyer is due to pay in 60 days.
  await importOrders(page, [
    `KB-${suffix},Osaka Fine Teas K.K.,JP,80000.00,USD,${isoDay(-10)},${isoDay(0)},OPEN_ACCOUNT,60,FOB`,
  ]);
  await page.getByRole("link", { name: "Applications" }).click();
  await page.getByRole("link", { name: "Start an application" }).click();
  await page.getByLabel("Amount (USD)").fill("80,000");
  await page.getByLabel("Days until you can repay").fill("90");
  await page.getByLabel("What the money is for").fill("Tea and ocean freight for the Osaka order");
  await page.getByLabel(new RegExp(`KB-${suffix}`)).check();
  await page.getByRole("button", { name: "Save and review" }).click();
  await expect(page.getByText("Draft saved")).toBeVisible();
  await page.getByLabel(/The information is accurate/).check();
  await page.getByRole("button", { name: "Send to lenders" }).click();
  await expect(page.getByText("Application sent")).toBeVisible();
  const applicationUrl = page.url();

  // Harborline factors the $80,000 invoice: 85% advance, 1.5% of the face value per 30 days, 60 days.
  const lender = await as(browser, DEMO_ACCOUNTS.harborlineUnderwriter);
  await lender.goto("/lender");
  await lender.getByRole("link", { name: m.legalName }).click();
  await lender.waitForURL(/\/lender\/referrals\//);
  const referralUrl = lender.url();
  await lender.getByRole("button", { name: "Start review" }).click();
  await expect(lender.getByRole("status").getByText("Review started")).toBeVisible();
  await lender.getByLabel(/face value \(USD\)/).fill("80,000");
  await lender.getByLabel("Fee per 30 days (%)").fill("1.5");
  await lender.getByLabel("Days until the buyer pays").fill("60");
  await lender.getByRole("button", { name: "Send the offer" }).click();
  await expect(lender.getByText("Offer sent to the merchant")).toBeVisible();

  await page.goto(applicationUrl);
  await page.getByLabel("Type your full name to sign").fill(m.owner);
  await page.getByLabel(/I agree to this offer/).check();
  await page.getByRole("button", { name: "Accept this offer" }).click();
  await expect(page.getByRole("status").getByText("Offer accepted")).toBeVisible();

  await lender.goto(referralUrl);
  await lender.getByLabel("Date sent").fill(isoDay(0));
  await lender.getByLabel("Payment reference").fill(`FEDWIRE-${suffix}`);
  await lender.getByRole("button", { name: "Record funding" }).click();
  await expect(lender.getByText("Funding recorded")).toBeVisible();

  // The deal: one instalment of $70,400.00 ($68,000 advance + two fee periods) on the buyer's due date.
  await lender.getByRole("link", { name: /The deal: schedule, payments/ }).click();
  await lender.waitForURL(/\/lender\/deals\//);
  const dealId = lender.url().split("/").pop() ?? "";
  const schedule = lender.getByRole("table", { name: "Instalments" });
  await expect(schedule.getByRole("row")).toHaveCount(2);
  await expect(schedule.getByRole("cell", { name: "$70,400.00" })).toHaveCount(2);
  const dueLabel = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${isoDay(60)}T00:00:00Z`),
  );
  await expect(schedule.getByRole("cell", { name: dueLabel })).toBeVisible();
  await expect(schedule.getByRole("cell", { name: "Due", exact: true })).toBeVisible();
  await expect(
    lender.getByText("$9,600.00 expected if the buyer pays the invoice on its due date"),
  ).toBeVisible();
  await expectAccessible(lender);

  await page.getByRole("link", { name: "What I owe" }).click();
  await expect(page.getByText(/\$70,400\.00 due on/)).toBeVisible();
  await expectAccessible(page);

  // 65 days later the buyer has not paid: the deal is 5 days late and the merchant is told, once.
  expect(daysPass(dealId, 65)).toEqual({ late: 1, reminders: 0, lateNotices: 1 });
  await lender.reload();
  await expect(lender.getByRole("heading", { level: 1 }).getByText("Late, 5 days past due")).toBeVisible();
  await expect(schedule.getByRole("cell", { name: "Past due (5 days)" })).toBeVisible();
  await page.reload();
  await expect(page.getByText("Late, 5 days past due")).toBeVisible();

  const admin = await as(browser, DEMO_ACCOUNTS.admin);
  await admin.goto("/admin/outbox");
  await expect(admin.getByText(/Late payment: \$70,400\.00 to Harborline Export Factors/)).toHaveCount(1);

  // An over-payment is refused; the merchant's part payment, late, is recorded.
  await recordPayment(lender, { amount: "70,400.01", reference: `ACH-${suffix}` });
  await expect(
    lender.getByText(/That is more than is owed: \$70,400\.00 repays the deal in full/),
  ).toBeVisible();
  await recordPayment(lender, { amount: "10,000", reference: `ACH-${suffix}` });
  await expect(lender.getByRole("status").getByText("Payment recorded")).toBeVisible();
  await expect(lender.getByRole("heading", { level: 1 }).getByText(/^Late/)).toBeVisible();

  // The buyer pays the invoice: the deal is settled, and the merchant is owed what was paid above
  // the advance and the two fee periods used: $10,000 + $80,000 − $70,400.
  await recordPayment(lender, { amount: "80,000", reference: `BUYER-${suffix}`, buyer: true });
  await expect(
    lender.getByRole("status").getByText("Settled: a rebate of $19,600.00 is owed to the merchant"),
  ).toBeVisible();
  await expect(lender.getByRole("heading", { level: 1 }).getByText("Paid off")).toBeVisible();
  await expect(lender.getByText("$19,600.00 (owed to the merchant)")).toBeVisible();
  await expect(lender.getByRole("button", { name: "Record payment" })).toHaveCount(0);

  await page.reload();
  await expect(page.getByText("$19,600.00 owed to you by Harborline Export Factors")).toBeVisible();
  const payments = page.getByRole("table", { name: "Payments to Harborline Export Factors" });
  await expect(payments.getByRole("cell", { name: "The buyer (invoice paid)" })).toBeVisible();
  await expect(payments.getByRole("cell", { name: `ACH-${suffix}` })).toBeVisible();

  await lender.goto("/lender/portfolio");
  await expect(
    lender.getByRole("row", { name: new RegExp(m.legalName) }).getByText("Paid off"),
  ).toBeVisible();
  await expectAccessible(lender);
  await admin.goto("/admin/servicing");
  await expect(admin.getByRole("row", { name: /Harborline Export Factors/ })).toBeVisible();
});
